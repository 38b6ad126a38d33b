package fr.mutualis.gateway.ota;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One attempt at downloading a package into a partial file, resuming where the file ends with
 * {@code Range: bytes=N-} (the partial file survives restarts), capped to a bandwidth, reporting
 * progress. The caller retries failed attempts; a server that ignores the range (answers 200)
 * makes the download start over rather than append a second copy.
 */
final class PackageDownload {

    /** The disk, not the network, failed: retrying will not help. */
    static final class StorageFailure extends IOException {
        private static final long serialVersionUID = 1L;

        StorageFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Told the number of bytes on disk after each chunk. */
    interface Progress {
        void bytesOnDisk(long bytes);
    }

    private static final int CHUNK = 16 * 1024;
    private static final long SYNC_EVERY = 1L << 20;

    private final HttpClient http;
    private final Duration readTimeout;
    private final Duration stallTimeout;

    /**
     * @param readTimeout  how long to wait for the response's headers
     * @param stallTimeout how long the body may deliver nothing before the attempt is abandoned: the
     *                     HTTP client's own timeout stops at the headers, and a half-dead mobile link
     *                     can otherwise hold a download forever
     */
    PackageDownload(HttpClient http, Duration readTimeout, Duration stallTimeout) {
        this.http = http;
        this.readTimeout = readTimeout;
        this.stallTimeout = stallTimeout;
    }

    /**
     * @return the number of bytes this attempt added to {@code part}
     * @throws IOException when the connection fails or is cut (the partial file keeps what arrived)
     */
    long attempt(URI url, Path part, long expectedSize, long maxBytesPerSecond, Progress progress, CountDownLatch cancellation)
            throws IOException, InterruptedException {
        long offset = Files.exists(part) ? Files.size(part) : 0;
        if (offset > expectedSize) {
            Files.delete(part);
            offset = 0;
        }
        if (offset == expectedSize) {
            return 0;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(readTimeout).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            boolean append;
            if (status == 206 && offset > 0) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                if (!range.startsWith("bytes " + offset + "-")) {
                    throw new IOException("the server answered range '" + range + "' to a request from byte " + offset);
                }
                append = true;
            } else if (status == 200) {
                append = false;
            } else {
                throw new IOException("HTTP " + status + " from " + url);
            }
            StallWatch stall = new StallWatch(body, stallTimeout);
            try {
                long added = copy(stall.input(), part, append, maxBytesPerSecond, progress, cancellation);
                if (stall.fired()) {
                    throw new IOException("no data for " + stallTimeout.toSeconds() + " s: the connection stalled");
                }
                return added;
            } catch (IOException e) {
                if (stall.fired() && !(e instanceof StorageFailure)) {
                    throw new IOException("no data for " + stallTimeout.toSeconds() + " s: the connection stalled", e);
                }
                throw e;
            } finally {
                stall.close();
            }
        }
    }

    private static long copy(InputStream body, Path part, boolean append, long maxBytesPerSecond, Progress progress,
                             CountDownLatch cancellation) throws IOException, InterruptedException {
        FileChannel channel;
        try {
            channel = append ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new StorageFailure("cannot write the package to " + part + ": " + e, e);
        }
        long added = 0;
        long unsynced = 0;
        long started = System.nanoTime();
        byte[] buffer = new byte[CHUNK];
        try (channel) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                if (cancellation.getCount() == 0) {
                    throw new CancellationException("download cancelled");
                }
                try {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                    unsynced += read;
                    if (unsynced >= SYNC_EVERY) {
                        // what is on disk is what a resume after a power cut will build on
                        channel.force(false);
                        unsynced = 0;
                    }
                } catch (IOException e) {
                    throw new StorageFailure("cannot write the package to " + part + ": " + e.getMessage(), e);
                }
                added += read;
                progress.bytesOnDisk(channel.size());
                throttle(added, started, maxBytesPerSecond, cancellation);
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new StorageFailure("cannot write the package to " + part + ": " + e.getMessage(), e);
            }
        }
        return added;
    }

    /**
     * Waits as long as this attempt is ahead of the bandwidth cap, or until the download is called
     * off: at a low cap one chunk can mean seconds, and a withdrawn order must not wait for them.
     */
    private static void throttle(long bytes, long startedNanos, long maxBytesPerSecond, CountDownLatch cancellation)
            throws InterruptedException {
        if (maxBytesPerSecond <= 0) {
            return;
        }
        long dueNanos = bytes * 1_000_000_000L / maxBytesPerSecond;
        long aheadMillis = (dueNanos - (System.nanoTime() - startedNanos)) / 1_000_000L;
        if (aheadMillis > 0 && cancellation.await(aheadMillis, TimeUnit.MILLISECONDS)) {
            throw new CancellationException("download cancelled");
        }
    }
}
