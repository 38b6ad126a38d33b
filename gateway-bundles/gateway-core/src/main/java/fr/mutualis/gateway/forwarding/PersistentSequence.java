package fr.mutualis.gateway.forwarding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The per-gateway sequence number that, with the gateway id, forms every reading's idempotency
 * key. It must never go backwards, even across kill -9 or power loss, or the fleet would take a
 * new reading for a duplicate of an old one.
 *
 * <p>The last number handed out is written in place with O_DSYNC before the numbers are used,
 * twice in one 16-byte write at offset 0 (within one disk sector). On open the larger copy wins:
 * after a torn write that can only skip numbers, never reuse one. The durable journal will carry
 * the sequence in its records and replace this file.
 */
final class PersistentSequence implements AutoCloseable {

    private final FileChannel channel;
    private long last;

    PersistentSequence(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // keep reading until 16 bytes or end of file
        }
        buffer.flip();
        long first = buffer.remaining() >= 8 ? buffer.getLong(0) : 0;
        long second = buffer.remaining() >= 16 ? buffer.getLong(8) : 0;
        this.last = Math.max(Math.max(first, second), 0);
    }

    /** The last number handed out (0 when none yet). */
    synchronized long last() {
        return last;
    }

    /**
     * Reserves {@code count} consecutive numbers and returns the first; they are durable when
     * this returns.
     */
    synchronized long reserve(int count) throws IOException {
        long first = last + 1;
        long newLast = last + count;
        ByteBuffer buffer = ByteBuffer.allocate(16).putLong(newLast).putLong(newLast).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        last = newLast;
        return first;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
