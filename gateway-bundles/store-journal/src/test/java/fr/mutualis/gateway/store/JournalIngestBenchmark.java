package fr.mutualis.gateway.store;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.contract.Reading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable ingest of 200-byte readings: our journal against SQLite (WAL, batched transactions:
 * the proven alternative), against a one-transaction-per-record store (SQLite, WAL, a commit per
 * reading), and against the disk's raw fsync'd sequential write rate, all in the same run. Disk
 * bytes written per reading come from {@code /proc/self/io}.
 *
 * <p>Not part of the build's tests (its name is not a test name). Run it, on one core:
 * <pre>
 * taskset -c 0 mvn -B test -pl gateway-bundles/store-journal -Dtest=JournalIngestBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.seconds=5 -Dbench.rounds=3]
 * </pre>
 * Results: {@code gateway-bundles/store-journal/target/benchmarks/journal-ingest.md}.
 */
class JournalIngestBenchmark {

    private static final int PRODUCERS = 4;
    private static final int READINGS_PER_APPEND = 32;
    private static final int APPENDS_IN_FLIGHT_PER_PRODUCER = 16;
    private static final int SQLITE_BATCH = 512;
    private static final RadioMetadata RADIO = new RadioMetadata(868_100_000L, "LORA", "SF7BW125", "4/5", -57, 5.5,
            2, 0, 4_000_000_000L, 1, "2026-11-22T14:03:07.120001Z");
    /** LoRa payload size that makes the encoded reading 200 bytes. */
    private static final int PAYLOAD = 200 - JournalTestSupport.encodedSize(
            new Reading(1, Instant.EPOCH, false, Priority.NORMAL, new byte[0], RADIO));

    @TempDir
    Path dir;

    private record Result(String name, double readingsPerSecond, double bytesWrittenPerReading) {
    }

    @Test
    void durableIngest() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 5);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Map<String, List<Result>> results = new LinkedHashMap<>();
        double averageCommitBytes = 0;
        for (int round = 0; round < rounds; round++) {
            Path roundDir = Files.createDirectories(dir.resolve("round-" + round));
            Result journal = journal(roundDir.resolve("journal"), seconds);
            averageCommitBytes = lastAverageCommitBytes;
            add(results, journal);
            add(results, sqlite(roundDir.resolve("batched.db"), seconds, SQLITE_BATCH,
                    "SQLite WAL, " + SQLITE_BATCH + " readings per transaction, synchronous=FULL"));
            add(results, sqlite(roundDir.resolve("single.db"), seconds, 1,
                    "baseline: one transaction per reading (SQLite WAL, synchronous=FULL)"));
            add(results, rawSequential(roundDir.resolve("raw.bin"), seconds, (int) Math.max(4096, averageCommitBytes)));
        }
        StringBuilder report = new StringBuilder()
                .append(String.format(Locale.ROOT, "Readings of %d bytes encoded (%d-byte LoRa payload plus radio metadata); "
                        + "%d producers appending %d readings at a time; %d rounds of %d s, median shown; %d cores visible.%n%n",
                        200, PAYLOAD, PRODUCERS, READINGS_PER_APPEND, rounds, seconds,
                        Runtime.getRuntime().availableProcessors()))
                .append("| store | readings/s (median) | min | max | disk bytes written per reading |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
            List<Double> rates = new ArrayList<>(entry.getValue().stream().map(Result::readingsPerSecond).toList());
            Collections.sort(rates);
            List<Double> bytes = new ArrayList<>(entry.getValue().stream().map(Result::bytesWrittenPerReading).toList());
            Collections.sort(bytes);
            report.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.0f |%n", entry.getKey(),
                    rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1), bytes.get(bytes.size() / 2)));
        }
        report.append(String.format(Locale.ROOT, "%nJournal: %.0f bytes per group commit on average in the last round.%n",
                averageCommitBytes));
        Path out = Path.of("target/benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("journal-ingest.md"), report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private static void add(Map<String, List<Result>> results, Result result) {
        results.computeIfAbsent(result.name(), k -> new ArrayList<>()).add(result);
    }

    private double lastAverageCommitBytes;

    private Result journal(Path directory, int seconds) throws Exception {
        StoreAndForwardJournal.Settings settings = StoreAndForwardJournal.Settings.defaults(directory)
                .withMinFreeDiskBytes(0).withMaxTotalBytes(Long.MAX_VALUE).withSegmentBytes(64L << 20)
                .withCommitLinger(Duration.ofMillis(2));
        try (StoreAndForwardJournal journal = StoreAndForwardJournal.open(settings, Clock.systemUTC())) {
            List<StoreAndForwardJournal.Incoming> batch = new ArrayList<>();
            for (int i = 0; i < READINGS_PER_APPEND; i++) {
                byte[] payload = new byte[PAYLOAD];
                payload[0] = 0x40;
                payload[1] = (byte) i;
                batch.add(new StoreAndForwardJournal.Incoming(Priority.NORMAL, Instant.now(), payload, RADIO));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong durable = new AtomicLong();
            long ioBefore = writeBytes();
            long started = System.nanoTime();
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                Thread producer = new Thread(() -> {
                    Semaphore window = new Semaphore(APPENDS_IN_FLIGHT_PER_PRODUCER);
                    while (running.get()) {
                        window.acquireUninterruptibly();
                        journal.append(batch).whenComplete((seqs, failure) -> {
                            if (failure == null) {
                                durable.addAndGet(seqs.length);
                            }
                            window.release();
                        });
                    }
                    window.acquireUninterruptibly(APPENDS_IN_FLIGHT_PER_PRODUCER);
                });
                producers.add(producer);
                producer.start();
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
            for (Thread producer : producers) {
                producer.join();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long written = writeBytes() - ioBefore;
            Map<String, Number> metrics = journal.metrics();
            lastAverageCommitBytes = metrics.get("store.bytes.written").doubleValue() / metrics.get("store.commits").doubleValue();
            return new Result("Mutualis journal (group commit, fdatasync)", durable.get() / elapsed,
                    written / (double) durable.get());
        }
    }

    private static Result sqlite(Path file, int seconds, int perTransaction, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("CREATE TABLE reading (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, "
                        + "lane INTEGER NOT NULL, body BLOB NOT NULL)");
            }
            connection.setAutoCommit(perTransaction == 1);
            byte[] body = new byte[200 - 8 - 8 - 1]; // the same 200 bytes per reading, columns included
            long ioBefore = writeBytes();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long started = System.nanoTime();
            long seq = 0;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO reading (seq, received_at, lane, body) VALUES (?, ?, 1, ?)")) {
                while (System.nanoTime() < deadline) {
                    for (int i = 0; i < perTransaction; i++) {
                        insert.setLong(1, ++seq);
                        insert.setLong(2, System.currentTimeMillis() * 1000);
                        insert.setBytes(3, body);
                        if (perTransaction == 1) {
                            insert.executeUpdate();
                        } else {
                            insert.addBatch();
                        }
                    }
                    if (perTransaction > 1) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            try (Statement statement = connection.createStatement()) {
                // Count the checkpoint too: with WAL every page is written twice, once to the log, once home.
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            long written = writeBytes() - ioBefore;
            return new Result(name, seq / elapsed, written / (double) seq);
        }
    }

    /** The disk's own pace: sequential writes of {@code blockBytes}, each followed by fdatasync. */
    private static Result rawSequential(Path file, int seconds, int blockBytes) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(blockBytes);
        long ioBefore = writeBytes();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        long bytes = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (System.nanoTime() < deadline) {
                block.clear();
                while (block.hasRemaining()) {
                    bytes += channel.write(block);
                }
                channel.force(false);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long written = writeBytes() - ioBefore;
        double equivalentReadings = bytes / 208.0;
        return new Result("baseline: raw sequential writes, one fdatasync per block of the journal's average "
                + "commit size (counted as 208-byte framed readings)", equivalentReadings / elapsed, written / equivalentReadings);
    }

    /** Bytes this process caused to be sent to the storage layer (Linux {@code /proc/self/io}). */
    private static long writeBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring("write_bytes:".length()).trim());
            }
        }
        return 0;
    }
}
