package fr.mutualis.gateway.release.pkg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and fails once a limit is passed: the zip-bomb guard. */
final class BoundedInput extends FilterInputStream {

    /** Thrown when a limit is passed; carries the reason for the refusal. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    private final long limit;
    private final String what;
    private long count;

    BoundedInput(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            add(read);
        }
        return read;
    }

    @Override
    public void close() {
        // the underlying zip stream is closed by its owner, entry by entry
    }

    long count() {
        return count;
    }

    private void add(long read) throws LimitExceeded {
        count += read;
        if (count > limit) {
            throw new LimitExceeded(what + " inflates to more than " + limit + " bytes");
        }
    }
}
