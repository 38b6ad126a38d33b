package fr.mutualis.gateway.store;

import fr.mutualis.contract.Priority;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The readings of one priority, in acceptance order: a directory of segments plus a durable
 * delivery state.
 *
 * <p>Delivery state: every record before {@code head} has been delivered. While a backlog drains
 * ("drain mode"), records appended after the moment the link came back are sent as a separate
 * live stream so that they are not stuck behind the backlog: then [{@code liveStart},
 * {@code liveCursor}) is delivered too, and [{@code head}, {@code liveStart}) is the backlog.
 * When the backlog is done, head jumps to liveCursor and drain mode ends. The state is written
 * lazily ({@link #persistCursor}): after a crash, some delivered readings are sent again, never
 * fewer; the fleet stores each once.
 */
final class Lane implements AutoCloseable {

    /** One record read for delivery, and where the next one starts. */
    record Entry(ByteBuffer body, JournalPosition next) {
    }

    private static final int READ_CHUNK = 256 * 1024;

    private final Priority priority;
    private final Path dir;
    private final long segmentBytes;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final DurableSlots cursorFile;
    private Segment active;

    private volatile JournalPosition committedEnd;
    private JournalPosition head;
    private JournalPosition liveStart;
    private JournalPosition liveCursor;
    private boolean cursorDirty;

    private final AtomicLong pending = new AtomicLong();

    private Lane(Priority priority, Path dir, long segmentBytes, DurableSlots cursorFile) {
        this.priority = priority;
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.cursorFile = cursorFile;
    }

    /** Opens the lane's directory, recovering every segment; damage is reported to {@code report}. */
    static Lane open(Priority priority, Path dir, long segmentBytes, RecoveryReport report) throws IOException {
        Files.createDirectories(dir);
        long[] stored = new long[6];
        DurableSlots cursorFile = DurableSlots.open(dir.resolve("cursor"), new long[] {0, 0, -1, 0, -1, 0}, stored);
        Lane lane = new Lane(priority, dir, segmentBytes, cursorFile);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long id;
                try {
                    id = Long.parseLong(name.substring(0, name.length() - 4));
                } catch (NumberFormatException e) {
                    report.damaged(file, 0, "not a segment name; moved aside to "
                            + Segment.quarantineWhole(file).getFileName());
                    continue;
                }
                Segment.Opened opened = Segment.open(file, id);
                lane.segments.put(id, opened.segment());
                Segment.Recovery recovery = opened.recovery();
                if (recovery.damage() != null) {
                    report.damaged(file, recovery.quarantinedBytes(), recovery.damage());
                }
            }
        }
        if (lane.segments.isEmpty()) {
            lane.segments.put(1L, Segment.create(dir, 1, priority.ordinal()));
        }
        lane.active = lane.segments.lastEntry().getValue();
        lane.committedEnd = new JournalPosition(lane.active.id(), lane.active.size());
        lane.head = lane.clamp(new JournalPosition(stored[0], stored[1]));
        lane.liveStart = stored[2] < 0 ? null : lane.clamp(new JournalPosition(stored[2], stored[3]));
        lane.liveCursor = stored[4] < 0 ? null : lane.clamp(new JournalPosition(stored[4], stored[5]));
        if (lane.liveStart == null || lane.liveCursor == null || lane.liveCursor.isBefore(lane.liveStart)) {
            lane.liveStart = null;
            lane.liveCursor = null;
        }
        lane.pending.set(lane.countRecords(lane.head, lane.liveStart != null ? lane.liveStart : lane.committedEnd)
                + (lane.liveStart != null ? lane.countRecords(lane.liveCursor, lane.committedEnd) : 0));
        return lane;
    }

    /** A stored position made valid: before the first segment means its start; past the end means the end. */
    private JournalPosition clamp(JournalPosition position) {
        Map.Entry<Long, Segment> first = segments.firstEntry();
        if (position.segment() < first.getKey()) {
            return new JournalPosition(first.getKey(), Segment.HEADER_SIZE);
        }
        if (!committedEnd.isBefore(position)) {
            Segment segment = segments.get(position.segment());
            if (segment == null) {
                Map.Entry<Long, Segment> next = segments.ceilingEntry(position.segment());
                return new JournalPosition(next.getKey(), Segment.HEADER_SIZE);
            }
            return new JournalPosition(position.segment(),
                    Math.max(Segment.HEADER_SIZE, Math.min(position.offset(), segment.size())));
        }
        return committedEnd;
    }

    Priority priority() {
        return priority;
    }

    // ---------------------------------------------------------------- writing (writer thread)

    /** Where one append landed in one segment, to force it and, on failure, to cut it off again. */
    record Written(Segment segment, long startOffset, long records) {
    }

    /**
     * Appends encoded frames to the active segment, rolling to new segments at record boundaries
     * whenever the next record would take the active one past {@code segmentBytes}.
     */
    synchronized List<Written> append(ByteBuffer frames) throws IOException {
        List<Written> written = new ArrayList<>(1);
        int partStart = frames.position();
        int position = partStart;
        long count = 0;
        long maxSeq = 0;
        long lastMicros = Long.MIN_VALUE;
        while (position < frames.limit()) {
            int frameLength = Segment.FRAME_OVERHEAD + frames.getInt(position);
            boolean full = active.size() + (position - partStart) + frameLength > segmentBytes;
            if (full && (active.size() > Segment.HEADER_SIZE || position > partStart)) {
                written.add(appendPart(frames, partStart, position, count, maxSeq, lastMicros));
                roll();
                partStart = position;
                count = 0;
                maxSeq = 0;
                lastMicros = Long.MIN_VALUE;
            }
            maxSeq = Math.max(maxSeq, frames.getLong(position + Segment.FRAME_OVERHEAD));
            lastMicros = Math.max(lastMicros, frames.getLong(position + Segment.FRAME_OVERHEAD + 8));
            count++;
            position += frameLength;
        }
        if (position > partStart) {
            written.add(appendPart(frames, partStart, position, count, maxSeq, lastMicros));
        }
        return written;
    }

    private Written appendPart(ByteBuffer frames, int from, int to, long count, long maxSeq, long lastMicros)
            throws IOException {
        if (from == to) {
            return new Written(active, active.size(), 0);
        }
        ByteBuffer part = frames.duplicate().position(from).limit(to).slice();
        long start = active.append(part, (int) count, maxSeq, lastMicros);
        return new Written(active, start, count);
    }

    private void roll() throws IOException {
        active.force();
        long id = active.id() + 1;
        active = Segment.create(dir, id, priority.ordinal());
        segments.put(id, active);
    }

    /** Makes appended records visible to readers, once they are durable. */
    void commit(long count) {
        committedEnd = new JournalPosition(active.id(), active.size());
        pending.addAndGet(count);
    }

    // ---------------------------------------------------------------- reading (forwarder thread)

    JournalPosition committedEnd() {
        return committedEnd;
    }

    /**
     * Reads up to {@code max} records starting at {@code from} and stopping before {@code limit}.
     * Positions past the end of a segment continue at the start of the next one.
     */
    List<Entry> read(JournalPosition from, JournalPosition limit, int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        JournalPosition position = from;
        while (entries.size() < max && position.isBefore(limit)) {
            Segment segment;
            synchronized (this) {
                segment = segments.get(position.segment());
                if (segment == null || position.offset() >= segment.size()) {
                    Map.Entry<Long, Segment> next = segments.higherEntry(position.segment());
                    if (next == null) {
                        break;
                    }
                    position = new JournalPosition(next.getKey(), Segment.HEADER_SIZE);
                    continue;
                }
            }
            // One read for many records: replaying a backlog must not cost two system calls a reading.
            long end = limit.segment() == position.segment() ? limit.offset() : segment.size();
            int chunkLength = (int) Math.min(READ_CHUNK, end - position.offset());
            ByteBuffer chunk = ByteBuffer.allocate(chunkLength);
            int available = segment.read(chunk, position.offset());
            int parsed = 0;
            while (entries.size() < max && parsed + Segment.FRAME_OVERHEAD <= available) {
                int length = chunk.getInt(parsed);
                if (parsed + Segment.FRAME_OVERHEAD + length > available) {
                    break;
                }
                ByteBuffer body = chunk.slice(parsed + Segment.FRAME_OVERHEAD, length);
                parsed += Segment.FRAME_OVERHEAD + length;
                entries.add(new Entry(body, new JournalPosition(position.segment(), position.offset() + parsed)));
            }
            if (parsed == 0) {
                if (available < Segment.FRAME_OVERHEAD) {
                    break;
                }
                // A single record larger than the chunk.
                int length = chunk.getInt(0);
                ByteBuffer body = ByteBuffer.allocate(length);
                if (segment.read(body, position.offset() + Segment.FRAME_OVERHEAD) < length) {
                    break;
                }
                body.flip();
                parsed = Segment.FRAME_OVERHEAD + length;
                entries.add(new Entry(body, new JournalPosition(position.segment(), position.offset() + parsed)));
            }
            position = new JournalPosition(position.segment(), position.offset() + parsed);
        }
        return entries;
    }

    private long countRecords(JournalPosition from, JournalPosition limit) throws IOException {
        long count = 0;
        JournalPosition position = from;
        while (true) {
            List<Entry> batch = read(position, limit, 4096);
            if (batch.isEmpty()) {
                return count;
            }
            count += batch.size();
            position = batch.get(batch.size() - 1).next();
        }
    }

    // ---------------------------------------------------------------- delivery state

    synchronized JournalPosition head() {
        return head;
    }

    synchronized JournalPosition liveStart() {
        return liveStart;
    }

    synchronized JournalPosition liveCursor() {
        return liveCursor;
    }

    /** Starts drain mode when there is a backlog: what arrives from now on is live. */
    synchronized void startDrainMode() {
        if (liveStart == null && head.isBefore(committedEnd)) {
            liveStart = committedEnd;
            liveCursor = committedEnd;
            cursorDirty = true;
        }
    }

    synchronized void acknowledgeBacklog(JournalPosition next, int count) {
        if (!head.isBefore(next)) {
            return; // a stale acknowledgement (resent after a rewind): already counted
        }
        head = next;
        if (liveStart != null && !head.isBefore(liveStart)) {
            head = liveCursor;
            liveStart = null;
            liveCursor = null;
        }
        pending.addAndGet(-count);
        cursorDirty = true;
    }

    synchronized void acknowledgeLive(JournalPosition next, int count) {
        if (liveCursor == null) {
            // Drain mode ended while this batch was in flight: it was the head's region then.
            acknowledgeBacklog(next, count);
            return;
        }
        if (!liveCursor.isBefore(next)) {
            return;
        }
        liveCursor = next;
        pending.addAndGet(-count);
        cursorDirty = true;
    }

    long pending() {
        return pending.get();
    }

    /** Writes the delivery state if it changed; then deletes segments that are wholly delivered. */
    void persistCursor() throws IOException {
        long[] values;
        synchronized (this) {
            if (!cursorDirty) {
                return;
            }
            values = new long[] {head.segment(), head.offset(),
                    liveStart == null ? -1 : liveStart.segment(), liveStart == null ? 0 : liveStart.offset(),
                    liveCursor == null ? -1 : liveCursor.segment(), liveCursor == null ? 0 : liveCursor.offset()};
            cursorDirty = false;
        }
        try {
            cursorFile.write(values);
        } catch (IOException e) {
            synchronized (this) {
                cursorDirty = true; // written again at the next persist, or at close
            }
            throw e;
        }
        deleteSegmentsBefore(new JournalPosition(values[0], values[1]));
    }

    private void deleteSegmentsBefore(JournalPosition durableHead) throws IOException {
        List<Segment> delivered = new ArrayList<>();
        synchronized (this) {
            for (Segment segment : segments.values()) {
                if (segment == active || segment.id() >= durableHead.segment()) {
                    break;
                }
                delivered.add(segment);
            }
            delivered.forEach(segment -> segments.remove(segment.id()));
        }
        for (Segment segment : delivered) {
            segment.delete();
        }
        if (!delivered.isEmpty()) {
            Directories.fsync(dir);
        }
    }

    // ---------------------------------------------------------------- capacity policy

    /** Receive time (µs) of the newest record of the oldest segment holding undelivered records. */
    synchronized long oldestSegmentNewestMicros() {
        Segment oldest = segments.get(head.segment());
        return oldest == null || !head.isBefore(committedEnd) ? Long.MAX_VALUE : oldest.lastReceivedMicros();
    }

    /**
     * Drops the oldest undelivered segment of the backlog, if one can be dropped (never the active
     * segment, never live data). Returns the number of undelivered records dropped, or -1 if
     * nothing could be dropped.
     */
    long dropOldestSegment() throws IOException {
        Segment victim;
        JournalPosition from;
        synchronized (this) {
            victim = segments.get(head.segment());
            if (victim == null || victim == active
                    || (liveStart != null && liveStart.segment() <= victim.id())) {
                return -1;
            }
            from = head;
        }
        long dropped = countRecords(from, new JournalPosition(victim.id(), victim.size()));
        synchronized (this) {
            Map.Entry<Long, Segment> next = segments.higherEntry(victim.id());
            head = new JournalPosition(next.getKey(), Segment.HEADER_SIZE);
            pending.addAndGet(-dropped);
            cursorDirty = true;
        }
        persistCursor();
        return dropped;
    }

    synchronized long bytesOnDisk() {
        long bytes = 0;
        for (Segment segment : segments.values()) {
            bytes += segment.size();
        }
        return bytes;
    }

    synchronized long maxSeq() {
        long max = 0;
        for (Segment segment : segments.values()) {
            max = Math.max(max, segment.maxSeq());
        }
        return max;
    }

    @Override
    public synchronized void close() throws IOException {
        for (Segment segment : segments.values()) {
            segment.close();
        }
        cursorFile.close();
    }
}
