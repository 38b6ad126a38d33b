package fr.mutualis.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A small record of longs kept durably in place: two slots written alternately, each with a
 * generation number and a checksum, so that a write torn by a power cut leaves the other slot
 * intact. Reading picks the valid slot with the highest generation.
 *
 * <p>A thread interrupted while writing closes the file channel (NIO's interruptible channels do):
 * that write fails, and the next one reopens the file rather than failing for ever after.
 */
final class DurableSlots implements AutoCloseable {

    private final Path file;
    private FileChannel channel;
    private final int values;
    private final int slotSize;
    private long generation;
    private boolean closed;

    private DurableSlots(Path file, FileChannel channel, int values) {
        this.file = file;
        this.channel = channel;
        this.values = values;
        this.slotSize = 8 + 8 * values + 4;
    }

    /** Opens (or creates) the file; returns the stored values, or {@code defaults} when none is valid. */
    static DurableSlots open(Path file, long[] defaults, long[] into) throws IOException {
        boolean existed = Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (!existed) {
            Directories.fsync(file.toAbsolutePath().getParent());
        }
        DurableSlots slots = new DurableSlots(file, channel, defaults.length);
        long bestGeneration = -1;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer buffer = ByteBuffer.allocate(slots.slotSize);
            int read = 0;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, (long) slot * slots.slotSize + read);
                if (n <= 0) {
                    break;
                }
                read += n;
            }
            if (read < slots.slotSize) {
                continue;
            }
            CRC32C crc = new CRC32C();
            crc.update(buffer.array(), 0, slots.slotSize - 4);
            if ((int) crc.getValue() != buffer.getInt(slots.slotSize - 4)) {
                continue;
            }
            long generation = buffer.getLong(0);
            if (generation > bestGeneration) {
                bestGeneration = generation;
                for (int i = 0; i < defaults.length; i++) {
                    into[i] = buffer.getLong(8 + 8 * i);
                }
            }
        }
        if (bestGeneration < 0) {
            System.arraycopy(defaults, 0, into, 0, defaults.length);
        }
        slots.generation = Math.max(bestGeneration, 0);
        return slots;
    }

    /** Writes the values to the slot not holding the latest generation and fsyncs. */
    synchronized void write(long[] newValues) throws IOException {
        if (newValues.length != values) {
            throw new IllegalArgumentException("expected " + values + " values");
        }
        generation++;
        ByteBuffer buffer = ByteBuffer.allocate(slotSize).putLong(generation);
        for (long value : newValues) {
            buffer.putLong(value);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, slotSize - 4);
        buffer.putInt((int) crc.getValue()).flip();
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        try {
            Segment.writeFully(channel, buffer, (generation % 2) * slotSize);
            channel.force(false);
        } catch (IOException e) {
            // The slot written may be torn: the next write goes to the same slot, never over the
            // other one, which still holds the latest valid values.
            generation--;
            throw e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
