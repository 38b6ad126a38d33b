package fr.mutualis.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * One file of a lane: a 16-byte header, then records framed as
 * {@code u32 body length | u32 CRC32C of body | body}. Append-only; the writer thread appends,
 * any thread may read committed bytes with positional reads.
 *
 * <p>Opening an existing segment scans it: every record whose frame and checksum are intact is
 * kept; at the first damaged or incomplete record, the rest of the file is copied to a
 * {@code .damaged} file beside it (so that nothing is silently destroyed) and the segment is
 * truncated there. A torn tail after a power cut is the common case.
 */
final class Segment implements AutoCloseable {

    static final int HEADER_SIZE = 16;
    static final int FRAME_OVERHEAD = 8;
    private static final int MAGIC = 0x4D4A4E4C; // "MJNL"
    private static final short FORMAT_VERSION = 1;
    /** No reading comes near this; a larger length field is damage, not data. */
    static final int MAX_BODY = 1 << 20;

    /** What recovery found in a segment. */
    record Recovery(long records, long validBytes, long quarantinedBytes, String damage) {
    }

    private final long id;
    private final Path file;
    private final FileChannel channel;
    private volatile long size;
    private long records;
    private volatile long lastReceivedMicros = Long.MIN_VALUE;
    private long maxSeq;

    private Segment(long id, Path file, FileChannel channel, long size) {
        this.id = id;
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    static Path fileName(Path laneDir, long id) {
        return laneDir.resolve(String.format("%020d.seg", id));
    }

    /** Creates a new empty segment, durable (file and directory entry) when this returns. */
    static Segment create(Path laneDir, long id, int lane) throws IOException {
        Path file = fileName(laneDir, id);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.BIG_ENDIAN)
                .putInt(MAGIC).putShort(FORMAT_VERSION).put((byte) lane).put((byte) 0).putLong(id).flip();
        writeFully(channel, header, 0);
        channel.force(true);
        Directories.fsync(laneDir);
        return new Segment(id, file, channel, HEADER_SIZE);
    }

    /** Opens and scans an existing segment, repairing a damaged tail as described above. */
    static Opened open(Path file, long id) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = channel.size();
        Segment segment = new Segment(id, file, channel, HEADER_SIZE);
        if (length < HEADER_SIZE || !validHeader(channel)) {
            // A segment whose header never reached the disk holds nothing we can trust.
            long quarantined = quarantine(file, channel, 0, length);
            writeFully(channel, ByteBuffer.allocate(HEADER_SIZE).putInt(MAGIC).putShort(FORMAT_VERSION)
                    .put((byte) 0).put((byte) 0).putLong(id).flip(), 0);
            channel.truncate(HEADER_SIZE);
            channel.force(true);
            return new Opened(segment, new Recovery(0, HEADER_SIZE, quarantined,
                    length == 0 ? null : "bad or missing header"));
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_OVERHEAD);
        long position = HEADER_SIZE;
        String damage = null;
        CRC32C crc = new CRC32C();
        while (position < length) {
            if (length - position < FRAME_OVERHEAD) {
                damage = "incomplete frame header at offset " + position;
                break;
            }
            frame.clear();
            readFully(channel, frame, position);
            int bodyLength = frame.getInt(0);
            int checksum = frame.getInt(4);
            if (bodyLength <= 0 || bodyLength > MAX_BODY) {
                damage = "impossible record length " + bodyLength + " at offset " + position;
                break;
            }
            if (length - position - FRAME_OVERHEAD < bodyLength) {
                damage = "incomplete record at offset " + position;
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(bodyLength);
            readFully(channel, body, position + FRAME_OVERHEAD);
            crc.reset();
            crc.update(body.array(), 0, bodyLength);
            if ((int) crc.getValue() != checksum) {
                damage = "checksum mismatch at offset " + position;
                break;
            }
            segment.noteRecord(body.getLong(0), body.getLong(8));
            position += FRAME_OVERHEAD + bodyLength;
        }
        long quarantined = 0;
        if (damage != null) {
            quarantined = quarantine(file, channel, position, length);
            channel.truncate(position);
            channel.force(true);
        }
        segment.size = position;
        return new Opened(segment, new Recovery(segment.records, position, quarantined, damage));
    }

    record Opened(Segment segment, Recovery recovery) {
    }

    private static boolean validHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        readFully(channel, header, 0);
        return header.getInt(0) == MAGIC && header.getShort(4) == FORMAT_VERSION;
    }

    /** Copies bytes [from, to) to a new {@code .damaged} file next to the segment; returns their count. */
    private static long quarantine(Path file, FileChannel channel, long from, long to) throws IOException {
        if (to <= from) {
            return 0;
        }
        Path damaged = file.resolveSibling(file.getFileName() + "." + Instant.now().toEpochMilli() + ".damaged");
        try (FileChannel out = FileChannel.open(damaged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < to - from) {
                copied += channel.transferTo(from + copied, to - from - copied, out);
            }
            out.force(true);
        }
        Directories.fsync(file.getParent());
        return to - from;
    }

    private void noteRecord(long seq, long receivedMicros) {
        records++;
        maxSeq = Math.max(maxSeq, seq);
        lastReceivedMicros = Math.max(lastReceivedMicros, receivedMicros);
    }

    /**
     * Appends encoded frames (not yet durable: see {@link #force()}). Called by the writer thread only.
     *
     * @return the offset at which the frames start
     */
    long append(ByteBuffer frames, int recordCount, long batchMaxSeq, long batchLastReceivedMicros) throws IOException {
        long start = size;
        try {
            writeFully(channel, frames, start);
        } catch (IOException e) {
            // Keep the file consistent: cut whatever part of the batch reached it.
            channel.truncate(start);
            throw e;
        }
        size = start + frames.limit();
        records += recordCount;
        maxSeq = Math.max(maxSeq, batchMaxSeq);
        lastReceivedMicros = Math.max(lastReceivedMicros, batchLastReceivedMicros);
        return start;
    }

    /** Rolls back an append whose batch failed elsewhere before it became durable. */
    void truncateTo(long offset, long recordCountRemoved) throws IOException {
        channel.truncate(offset);
        size = offset;
        records -= recordCountRemoved;
    }

    /** fdatasync: the data, and the file size it needs, reach the disk. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Reads committed bytes at {@code offset} into {@code buffer} (until full or end of segment). */
    int read(ByteBuffer buffer, long offset) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, offset + total);
            if (read <= 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    long id() {
        return id;
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    long records() {
        return records;
    }

    long maxSeq() {
        return maxSeq;
    }

    /** Receive time of the newest record in µs, or {@code Long.MIN_VALUE} when empty. */
    long lastReceivedMicros() {
        return lastReceivedMicros;
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of " + channel + " at " + at);
            }
            at += read;
        }
        buffer.flip();
    }

    /** Moves a whole file aside as damaged (used when a segment cannot be opened at all). */
    static Path quarantineWhole(Path file) throws IOException {
        Path damaged = file.resolveSibling(file.getFileName() + "." + Instant.now().toEpochMilli() + ".damaged");
        Files.move(file, damaged, StandardCopyOption.ATOMIC_MOVE);
        Directories.fsync(file.getParent());
        return damaged;
    }
}
