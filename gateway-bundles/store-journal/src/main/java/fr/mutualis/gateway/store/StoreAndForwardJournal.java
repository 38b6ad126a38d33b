package fr.mutualis.gateway.store;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.contract.Reading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The gateway's durable store of accepted readings: one append-only segmented log per priority
 * lane, group commit, a lazily persisted delivery state, and a capacity policy.
 *
 * <p><strong>Guarantee:</strong> the future returned by {@link #append} completes normally only
 * after the readings are written and fdatasync'd (and, for a new segment, the file and its
 * directory entry too): from then on they survive kill -9 and power loss. A single writer thread
 * batches the appends that arrive while the previous batch is being written, and waits up to
 * {@code commitLinger} for more, so that one fsync covers many readings. Sequence numbers are
 * assigned in commit order and are never reused: on opening, numbering resumes after the highest
 * number found in the lanes or recorded in {@code sequence} (written before any segment is deleted).
 */
public final class StoreAndForwardJournal implements AutoCloseable {

    /** How the journal is sized and paced. */
    public record Settings(Path directory, long segmentBytes, Duration commitLinger, int maxBatchReadings,
                           long maxTotalBytes, Map<Priority, Duration> maxAge, long minFreeDiskBytes) {

        public static Settings defaults(Path directory) {
            return new Settings(directory, 4L << 20, Duration.ofMillis(10), 4096, 512L << 20,
                    Map.of(Priority.ALARM, Duration.ofDays(30), Priority.NORMAL, Duration.ofDays(7),
                            Priority.BULK, Duration.ofDays(3)), 64L << 20);
        }

        public Settings withMaxTotalBytes(long bytes) {
            return new Settings(directory, segmentBytes, commitLinger, maxBatchReadings, bytes, maxAge, minFreeDiskBytes);
        }

        public Settings withSegmentBytes(long bytes) {
            return new Settings(directory, bytes, commitLinger, maxBatchReadings, maxTotalBytes, maxAge, minFreeDiskBytes);
        }

        public Settings withCommitLinger(Duration linger) {
            return new Settings(directory, segmentBytes, linger, maxBatchReadings, maxTotalBytes, maxAge, minFreeDiskBytes);
        }

        public Settings withMinFreeDiskBytes(long bytes) {
            return new Settings(directory, segmentBytes, commitLinger, maxBatchReadings, maxTotalBytes, maxAge, bytes);
        }
    }

    /** A reading to accept: everything but its sequence number, which the journal assigns. */
    public record Incoming(Priority priority, Instant receivedAt, byte[] payload, RadioMetadata radio) {
    }

    /** Why an append was refused; {@link #reason()} is a counter label. */
    public static final class AppendRefusedException extends Exception {
        private final String reason;

        AppendRefusedException(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private record AppendRequest(List<Incoming> readings, CompletableFuture<long[]> done) {
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<Priority, Lane> lanes = new EnumMap<>(Priority.class);
    /** Since when the link is up in the current drain mode; see {@link #startDrainMode}. */
    private volatile Instant drainSince = Instant.MAX;
    private final DurableSlots sequenceFile;
    /** Cumulative drops per lane and reason, kept across restarts: a drop is reported even after a reboot. */
    private final DurableSlots dropsFile;
    private static final List<String> DROP_REASONS = List.of("capacity", "age");
    private final RecoveryReport recovery = new RecoveryReport();
    private final BlockingQueue<AppendRequest> requests = new ArrayBlockingQueue<>(1024);
    private final Thread writer;
    private final Object committed = new Object();
    private volatile boolean open = true;
    private boolean closed;
    private volatile boolean diskFull;
    private long nextSeq;

    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong appendFailures = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final Map<String, AtomicLong> drops = new TreeMap<>();

    private StoreAndForwardJournal(Settings settings, Clock clock, DurableSlots sequenceFile, long lastSeq,
                                   DurableSlots dropsFile, long[] dropTotals) {
        this.settings = settings;
        this.clock = clock;
        this.sequenceFile = sequenceFile;
        this.dropsFile = dropsFile;
        for (Priority priority : Priority.values()) {
            for (int r = 0; r < DROP_REASONS.size(); r++) {
                long total = dropTotals[priority.ordinal() * DROP_REASONS.size() + r];
                if (total > 0) {
                    drops.put(dropKey(priority, DROP_REASONS.get(r)), new AtomicLong(total));
                }
            }
        }
        this.nextSeq = lastSeq + 1;
        this.writer = new Thread(this::writeLoop, "mutualis-journal-writer");
        this.writer.setDaemon(true);
    }

    /** Opens the journal, recovering whatever a crash left; damaged parts are set aside and reported. */
    public static StoreAndForwardJournal open(Settings settings, Clock clock) throws IOException {
        Files.createDirectories(settings.directory());
        long[] stored = new long[1];
        DurableSlots sequenceFile = DurableSlots.open(settings.directory().resolve("sequence"), new long[] {0}, stored);
        RecoveryReport report = new RecoveryReport();
        Map<Priority, Lane> lanes = new EnumMap<>(Priority.class);
        long lastSeq = stored[0];
        for (Priority priority : Priority.values()) {
            Lane lane = Lane.open(priority, settings.directory().resolve(priority.name().toLowerCase()),
                    settings.segmentBytes(), report);
            lanes.put(priority, lane);
            lastSeq = Math.max(lastSeq, lane.maxSeq());
        }
        long[] dropTotals = new long[Priority.values().length * DROP_REASONS.size()];
        DurableSlots dropsFile = DurableSlots.open(settings.directory().resolve("drops"), new long[dropTotals.length],
                dropTotals);
        StoreAndForwardJournal journal = new StoreAndForwardJournal(settings, clock, sequenceFile, lastSeq, dropsFile,
                dropTotals);
        journal.lanes.putAll(lanes);
        report.damages().forEach(d -> journal.recovery.damaged(d.file(), d.quarantinedBytes(), d.reason()));
        journal.writer.start();
        return journal;
    }

    // ------------------------------------------------------------------------------ accepting

    /**
     * Accepts readings: the future completes with their sequence numbers once they are durable,
     * or exceptionally with an {@link AppendRefusedException} (nothing of the request was kept).
     */
    public CompletableFuture<long[]> append(List<Incoming> readings) {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        if (!open) {
            done.completeExceptionally(new AppendRefusedException("stopping", "the journal is closed", null));
        } else if (readings.isEmpty()) {
            done.complete(new long[0]);
        } else if (diskFull && settings.directory().toFile().getUsableSpace() < settings.minFreeDiskBytes()) {
            done.completeExceptionally(new AppendRefusedException("disk-full", "less than "
                    + settings.minFreeDiskBytes() + " bytes free under " + settings.directory(), null));
        } else if (!requests.offer(new AppendRequest(List.copyOf(readings), done))) {
            done.completeExceptionally(new AppendRefusedException("busy", "too many appends waiting", null));
        }
        return done;
    }

    private void writeLoop() {
        List<AppendRequest> batch = new ArrayList<>();
        while (open || !requests.isEmpty()) {
            try {
                AppendRequest first = requests.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int count = first.readings().size();
                long deadline = System.nanoTime() + settings.commitLinger().toNanos();
                while (count < settings.maxBatchReadings()) {
                    long wait = deadline - System.nanoTime();
                    AppendRequest more = wait > 0 ? requests.poll(wait, TimeUnit.NANOSECONDS) : requests.poll();
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                    count += more.readings().size();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A reading that cannot be encoded must not stop the only thread that writes.
                appendFailures.incrementAndGet();
                fail(batch, new AppendRefusedException("invalid", "readings refused: " + e, e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes one group of requests to their lanes, fsyncs the touched segments, then answers them. */
    private void commit(List<AppendRequest> batch) {
        if (settings.directory().toFile().getUsableSpace() < settings.minFreeDiskBytes()) {
            diskFull = true;
            fail(batch, new AppendRefusedException("disk-full", "less than " + settings.minFreeDiskBytes()
                    + " bytes free under " + settings.directory() + ": readings are refused until space is freed "
                    + "(or the disk reserve, minFreeDiskMiB, lowered); acceptance resumes by itself", null));
            return;
        }
        Map<Priority, ByteBuffer> frames = new EnumMap<>(Priority.class);
        Map<Priority, Long> counts = new EnumMap<>(Priority.class);
        long firstSeq = nextSeq;
        long seq = nextSeq;
        List<long[]> assigned = new ArrayList<>(batch.size());
        int totalBytes = 0;
        CRC32C crc = new CRC32C();
        for (AppendRequest request : batch) {
            long[] seqs = new long[request.readings().size()];
            for (int i = 0; i < seqs.length; i++) {
                Incoming incoming = request.readings().get(i);
                Reading reading = new Reading(seq, incoming.receivedAt(), false, incoming.priority(),
                        incoming.payload(), incoming.radio());
                ByteBuffer buffer = frames.computeIfAbsent(incoming.priority(), p -> ByteBuffer.allocate(256 * 1024));
                int worstCase = Segment.FRAME_OVERHEAD + ReadingCodec.maxEncodedSize(reading);
                if (buffer.remaining() < worstCase) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + worstCase));
                    buffer.flip();
                    bigger.put(buffer);
                    buffer = bigger;
                    frames.put(incoming.priority(), buffer);
                }
                int frameStart = buffer.position();
                buffer.position(frameStart + Segment.FRAME_OVERHEAD);
                ReadingCodec.encode(reading, buffer);
                int bodySize = buffer.position() - frameStart - Segment.FRAME_OVERHEAD;
                crc.reset();
                crc.update(buffer.array(), frameStart + Segment.FRAME_OVERHEAD, bodySize);
                buffer.putInt(frameStart, bodySize).putInt(frameStart + 4, (int) crc.getValue());
                counts.merge(incoming.priority(), 1L, Long::sum);
                totalBytes += Segment.FRAME_OVERHEAD + bodySize;
                seqs[i] = seq++;
            }
            assigned.add(seqs);
        }
        List<Lane.Written> written = new ArrayList<>();
        try {
            for (Map.Entry<Priority, ByteBuffer> entry : frames.entrySet()) {
                written.addAll(lanes.get(entry.getKey()).append(entry.getValue().flip()));
            }
            for (Lane.Written part : written) {
                part.segment().force();
            }
        } catch (IOException e) {
            appendFailures.incrementAndGet();
            for (Lane.Written part : written) {
                try {
                    part.segment().truncateTo(part.startOffset(), part.records());
                } catch (IOException ignored) {
                    // The next open's recovery scan cuts anything left behind.
                }
            }
            boolean noSpace = settings.directory().toFile().getUsableSpace() < settings.minFreeDiskBytes()
                    || String.valueOf(e.getMessage()).contains("No space");
            diskFull |= noSpace;
            fail(batch, new AppendRefusedException(noSpace ? "disk-full" : "disk-error",
                    "journal write failed: " + e.getMessage(), e));
            return;
        }
        diskFull = false;
        nextSeq = seq;
        counts.forEach((priority, count) -> lanes.get(priority).commit(count));
        appended.addAndGet(seq - firstSeq);
        commits.incrementAndGet();
        bytesWritten.addAndGet(totalBytes);
        synchronized (committed) {
            committed.notifyAll();
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(assigned.get(i));
        }
    }

    private static void fail(List<AppendRequest> batch, AppendRefusedException refusal) {
        for (AppendRequest request : batch) {
            request.done().completeExceptionally(refusal);
        }
    }

    // ------------------------------------------------------------------------------ delivering

    /** Which part of a lane a delivery batch comes from. */
    public enum Stream { LIVE, BACKLOG }

    /** Readings handed out for delivery; acknowledge them in the order they were taken. */
    public record DeliveryBatch(Priority priority, Stream stream, List<Reading> readings, JournalPosition next) {
    }

    /**
     * Where a forwarder has read to, per lane and stream: ahead of the acknowledged state by
     * whatever is in flight. {@link #rewind()} after a lost connection sends the unacknowledged
     * readings again.
     */
    public static final class Reader {
        private final Map<String, JournalPosition> positions = new java.util.HashMap<>();

        public void rewind() {
            positions.clear();
        }
    }

    /**
     * The next readings to deliver after what {@code reader} has taken, by priority: alarm before
     * normal before bulk, and within a lane the live stream before the backlog. Null when there is
     * nothing to deliver.
     */
    public DeliveryBatch nextBatch(Reader reader, int max, Duration lateAfter) throws IOException {
        Map<String, JournalPosition> readPositions = reader.positions;
        for (Priority priority : Priority.values()) {
            Lane lane = lanes.get(priority);
            for (Stream stream : Stream.values()) {
                JournalPosition start;
                JournalPosition limit;
                JournalPosition liveStart = lane.liveStart();
                if (stream == Stream.LIVE) {
                    if (liveStart == null) {
                        continue;
                    }
                    start = latest(lane.liveCursor(), readPositions.get(key(priority, Stream.LIVE)));
                    limit = lane.committedEnd();
                } else {
                    start = latest(lane.head(), readPositions.get(key(priority, Stream.BACKLOG)));
                    if (liveStart == null) {
                        // Drain mode over: what the live stream already took (maybe still in flight) is not re-read.
                        start = latest(start, readPositions.get(key(priority, Stream.LIVE)));
                    }
                    limit = liveStart != null ? liveStart : lane.committedEnd();
                }
                if (!start.isBefore(limit)) {
                    continue;
                }
                List<Lane.Entry> entries = lane.read(start, limit, max);
                if (entries.isEmpty()) {
                    continue;
                }
                Instant lateBefore = clock.instant().minus(lateAfter);
                List<Reading> readings = new ArrayList<>(entries.size());
                for (Lane.Entry entry : entries) {
                    Reading reading = ReadingCodec.decode(entry.body(), priority);
                    boolean late = stream == Stream.BACKLOG && liveStart != null
                            && reading.receivedAt().isBefore(drainSince)
                            || reading.receivedAt().isBefore(lateBefore);
                    readings.add(late ? reading.asLate() : reading);
                }
                JournalPosition next = entries.get(entries.size() - 1).next();
                readPositions.put(key(priority, stream), next);
                return new DeliveryBatch(priority, stream, readings, next);
            }
        }
        return null;
    }

    private static JournalPosition latest(JournalPosition position, JournalPosition other) {
        return other != null && position.isBefore(other) ? other : position;
    }

    static String key(Priority priority, Stream stream) {
        return priority + "/" + stream;
    }

    /** The broker took the batch: advance the lane's delivery state (in memory; see {@link #persistDeliveryState}). */
    public void acknowledge(DeliveryBatch batch) {
        Lane lane = lanes.get(batch.priority());
        if (batch.stream() == Stream.LIVE) {
            lane.acknowledgeLive(batch.next(), batch.readings().size());
        } else {
            lane.acknowledgeBacklog(batch.next(), batch.readings().size());
        }
    }

    /**
     * After a reconnection: lanes with a backlog send what arrives from now on as a separate live
     * stream. Backlog readings received before {@code linkUpSince} (while the link was down) are
     * flagged late; those received after it only waited for the forwarder to notice the link, and
     * are not.
     */
    public void startDrainMode(Instant linkUpSince) {
        this.drainSince = linkUpSince;
        lanes.values().forEach(Lane::startDrainMode);
    }

    /**
     * Writes the delivery state of every lane and deletes wholly delivered segments. The sequence
     * high-water mark is written first, so numbering never goes back when segments disappear.
     */
    public void persistDeliveryState() throws IOException {
        long lastSeq;
        synchronized (this) {
            lastSeq = nextSeq - 1;
        }
        sequenceFile.write(new long[] {lastSeq});
        for (Lane lane : lanes.values()) {
            lane.persistCursor();
        }
    }

    /** Waits until something is committed or the timeout passes. */
    public void awaitCommit(long timeoutMillis) throws InterruptedException {
        synchronized (committed) {
            committed.wait(timeoutMillis);
        }
    }

    // ------------------------------------------------------------------------------ capacity

    /**
     * Enforces the age limits of every lane, then the total byte budget by dropping the oldest
     * undelivered segment of the lowest lane first. Every dropped reading is counted by lane and reason.
     */
    public void enforceCapacity() throws IOException {
        Instant now = clock.instant();
        for (Priority priority : Priority.values()) {
            Duration maxAge = settings.maxAge().get(priority);
            if (maxAge == null) {
                continue;
            }
            long oldestAllowed = ChronoUnit.MICROS.between(Instant.EPOCH, now.minus(maxAge));
            Lane lane = lanes.get(priority);
            while (lane.oldestSegmentNewestMicros() < oldestAllowed) {
                long dropped = lane.dropOldestSegment();
                if (dropped < 0) {
                    break;
                }
                countDrop(priority, "age", dropped);
            }
        }
        List<Priority> lowestFirst = List.of(Priority.BULK, Priority.NORMAL, Priority.ALARM);
        for (Priority priority : lowestFirst) {
            while (bytesOnDisk() > settings.maxTotalBytes()) {
                long dropped = lanes.get(priority).dropOldestSegment();
                if (dropped < 0) {
                    break;
                }
                countDrop(priority, "capacity", dropped);
            }
        }
    }

    private void countDrop(Priority priority, String reason, long readings) throws IOException {
        long[] totals = new long[Priority.values().length * DROP_REASONS.size()];
        synchronized (drops) {
            drops.computeIfAbsent(dropKey(priority, reason), k -> new AtomicLong()).addAndGet(readings);
            for (Priority p : Priority.values()) {
                for (int r = 0; r < DROP_REASONS.size(); r++) {
                    AtomicLong total = drops.get(dropKey(p, DROP_REASONS.get(r)));
                    totals[p.ordinal() * DROP_REASONS.size() + r] = total == null ? 0 : total.get();
                }
            }
        }
        dropsFile.write(totals);
    }

    private static String dropKey(Priority priority, String reason) {
        return priority.name().toLowerCase() + "." + reason;
    }

    // ------------------------------------------------------------------------------ state

    public long bytesOnDisk() {
        long total = 0;
        for (Lane lane : lanes.values()) {
            total += lane.bytesOnDisk();
        }
        return total;
    }

    public long pending(Priority priority) {
        return lanes.get(priority).pending();
    }

    public long pending() {
        return lanes.values().stream().mapToLong(Lane::pending).sum();
    }

    /** Age of the oldest undelivered reading of a lane, or zero when the lane is empty. */
    public Duration oldestPendingAge(Priority priority) throws IOException {
        Lane lane = lanes.get(priority);
        JournalPosition head = lane.head();
        JournalPosition limit = lane.liveStart() != null ? lane.liveStart() : lane.committedEnd();
        List<Lane.Entry> first = lane.read(head, limit, 1);
        if (first.isEmpty()) {
            return Duration.ZERO;
        }
        Instant receivedAt = ReadingCodec.decode(first.get(0).body(), priority).receivedAt();
        return Duration.between(receivedAt, clock.instant()).isNegative() ? Duration.ZERO
                : Duration.between(receivedAt, clock.instant());
    }

    public boolean diskFull() {
        return diskFull;
    }

    public List<RecoveryReport.Damage> recoveryDamage() {
        return recovery.damages();
    }

    /** Counters and gauges for the health report, named {@code store.*}. */
    public Map<String, Number> metrics() throws IOException {
        Map<String, Number> metrics = new TreeMap<>();
        for (Priority priority : Priority.values()) {
            String lane = "store.lane." + priority.name().toLowerCase();
            metrics.put(lane + ".depth", pending(priority));
            metrics.put(lane + ".oldest.age.seconds", oldestPendingAge(priority).toSeconds());
            metrics.put(lane + ".bytes", lanes.get(priority).bytesOnDisk());
        }
        metrics.put("store.bytes.disk", bytesOnDisk());
        metrics.put("store.appended", appended.get());
        metrics.put("store.commits", commits.get());
        metrics.put("store.bytes.written", bytesWritten.get());
        metrics.put("store.append.failures", appendFailures.get());
        metrics.put("store.disk.full", diskFull ? 1 : 0);
        metrics.put("store.recovery.damaged", recovery.damages().size());
        metrics.put("store.recovery.quarantined.bytes", recovery.quarantinedBytes());
        synchronized (drops) {
            drops.forEach((name, count) -> metrics.put("store.dropped." + name, count.get()));
        }
        return metrics;
    }

    public long dropped() {
        synchronized (drops) {
            return drops.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    /** Stops accepting, finishes the appends already queued, and persists the delivery state. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        open = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AppendRequest left; (left = requests.poll()) != null; ) {
            left.done().completeExceptionally(new AppendRefusedException("stopping", "the journal is closing", null));
        }
        persistDeliveryState();
        for (Lane lane : lanes.values()) {
            lane.close();
        }
        sequenceFile.close();
        dropsFile.close();
    }
}
