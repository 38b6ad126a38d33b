package fr.mutualis.gateway.autonomy.actions.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far the fleet has acknowledged the action log: the last acknowledged sequence and the log
 * offset just after its line, in a small file replaced atomically. Losing an update only means
 * sending a few actions again, which the fleet ignores, so the file is not forced to the device.
 */
final class ReportedPosition {

    private final Path file;
    private long sequence;
    private long offset;

    ReportedPosition(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            String[] fields = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            try {
                sequence = Long.parseLong(fields[0]);
                offset = Long.parseLong(fields[1]);
            } catch (RuntimeException unreadable) {
                // Start over: everything is sent again and the fleet keeps each action once.
                sequence = 0;
                offset = 0;
            }
        }
    }

    long sequence() {
        return sequence;
    }

    long offset() {
        return offset;
    }

    void reset() throws IOException {
        save(0, 0);
    }

    void save(long newSequence, long newOffset) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, newSequence + " " + newOffset + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        sequence = newSequence;
        offset = newOffset;
    }
}
