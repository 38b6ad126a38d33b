package fr.mutualis.gateway.store;

import static fr.mutualis.gateway.store.JournalTestSupport.drain;
import static fr.mutualis.gateway.store.JournalTestSupport.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.Reading;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAndForwardJournalTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    private StoreAndForwardJournal open() throws Exception {
        return open(StoreAndForwardJournal.Settings.defaults(dir).withSegmentBytes(4096).withMinFreeDiskBytes(0));
    }

    private StoreAndForwardJournal open(StoreAndForwardJournal.Settings settings) throws Exception {
        return StoreAndForwardJournal.open(settings, clock);
    }

    @Test
    void readingsComeBackExactlyInOrderWithIncreasingSequenceNumbers() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            long[] first = journal.append(incoming(Priority.NORMAL, 0, 50)).get();
            long[] second = journal.append(incoming(Priority.NORMAL, 50, 50)).get();

            assertThat(first[0]).isEqualTo(1);
            assertThat(second[0]).isEqualTo(51);
            List<Reading> delivered = drain(journal);
            assertThat(delivered).hasSize(100);
            for (int i = 0; i < 100; i++) {
                StoreAndForwardJournal.Incoming expected = incoming(Priority.NORMAL, i);
                Reading reading = delivered.get(i);
                assertThat(reading.seq()).isEqualTo(i + 1);
                assertThat(reading.receivedAt()).isEqualTo(expected.receivedAt());
                assertThat(reading.payload()).isEqualTo(expected.payload());
                assertThat(reading.radio()).isEqualTo(expected.radio());
                assertThat(reading.priority()).isEqualTo(Priority.NORMAL);
            }
        }
    }

    @Test
    void undeliveredReadingsAndNumberingSurviveReopening() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            journal.append(incoming(Priority.NORMAL, 0, 30)).get();
            StoreAndForwardJournal.Reader reader = new StoreAndForwardJournal.Reader();
            journal.acknowledge(journal.nextBatch(reader, 10, Duration.ofDays(1)));
            journal.persistDeliveryState();
        }
        try (StoreAndForwardJournal journal = open()) {
            assertThat(journal.pending()).isEqualTo(20);
            assertThat(journal.append(incoming(Priority.NORMAL, 30, 1)).get()[0]).isEqualTo(31);
            assertThat(drain(journal)).extracting(Reading::seq).first().isEqualTo(11L);
        }
    }

    @Test
    void aDeliveryStateWriteInterruptedByShutdownIsWrittenAgainAtClose() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            journal.append(incoming(Priority.NORMAL, 0, 30)).get();
            StoreAndForwardJournal.Reader reader = new StoreAndForwardJournal.Reader();
            journal.acknowledge(journal.nextBatch(reader, 10, Duration.ofDays(1)));

            // What shutdownNow() does to a housekeeping thread in the middle of the write: NIO closes
            // the file channel of an interrupted thread, and that write fails.
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(journal::persistDeliveryState).isInstanceOf(ClosedByInterruptException.class);
            } finally {
                Thread.interrupted();
            }
        }
        try (StoreAndForwardJournal journal = open()) {
            assertThat(journal.pending()).as("the acknowledged ten are not sent again").isEqualTo(20);
            assertThat(drain(journal)).extracting(Reading::seq).first().isEqualTo(11L);
        }
    }

    @Test
    void numberingNeverGoesBackEvenWhenEverySegmentWasDelivered() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            journal.append(incoming(Priority.NORMAL, 0, 200)).get(); // several 4 KiB segments
            drain(journal);
            journal.persistDeliveryState();
        }
        try (StoreAndForwardJournal journal = open()) {
            assertThat(journal.append(incoming(Priority.NORMAL, 0, 1)).get()[0]).isEqualTo(201);
        }
    }

    @Test
    void deliveredSegmentsAreDeleted() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            journal.append(incoming(Priority.NORMAL, 0, 300)).get();
            long before = segmentFiles(Priority.NORMAL);
            drain(journal);
            journal.persistDeliveryState();
            assertThat(before).isGreaterThan(3);
            assertThat(segmentFiles(Priority.NORMAL)).isEqualTo(1);
        }
    }

    private long segmentFiles(Priority priority) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(priority.name().toLowerCase()))) {
            return files.filter(f -> f.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void aTornTailKeepsEveryRecordBeforeTheDamageAndIsReported() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 25; round++) {
            Path roundDir = dir.resolve("round-" + round);
            StoreAndForwardJournal.Settings settings = StoreAndForwardJournal.Settings.defaults(roundDir)
                    .withSegmentBytes(1 << 20).withMinFreeDiskBytes(0);
            try (StoreAndForwardJournal journal = open(settings)) {
                journal.append(incoming(Priority.NORMAL, 0, 40)).get();
            }
            Path segment = roundDir.resolve("normal").resolve(String.format("%020d.seg", 1));
            long size = Files.size(segment);
            long cut = Segment.HEADER_SIZE + 1 + random.nextInt((int) (size - Segment.HEADER_SIZE - 1));
            boolean corrupt = round % 2 == 1;
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                if (corrupt) {
                    channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00, 0x55}), cut);
                } else {
                    channel.truncate(cut);
                }
            }
            long intactBytes = Segment.HEADER_SIZE;
            int expectedSurvivors = 0;
            for (int i = 0; i < 40; i++) {
                Reading reading = new Reading(i + 1, incoming(Priority.NORMAL, i).receivedAt(), false, Priority.NORMAL,
                        incoming(Priority.NORMAL, i).payload(), incoming(Priority.NORMAL, i).radio());
                long end = intactBytes + Segment.FRAME_OVERHEAD + JournalTestSupport.encodedSize(reading);
                if (end > cut) {
                    break;
                }
                intactBytes = end;
                expectedSurvivors++;
            }
            try (StoreAndForwardJournal journal = open(settings)) {
                List<Reading> survivors = drain(journal);
                // Every survivor is intact and they are exactly a prefix of what was written.
                for (int i = 0; i < survivors.size(); i++) {
                    assertThat(survivors.get(i).seq()).isEqualTo(i + 1);
                    assertThat(survivors.get(i).payload()).isEqualTo(incoming(Priority.NORMAL, i).payload());
                }
                assertThat(survivors).as("round %d, cut at %d", round, cut).hasSize(expectedSurvivors);
                if (corrupt || cut != intactBytes) {
                    assertThat(journal.recoveryDamage()).as("damage reported").isNotEmpty();
                    assertThat(journal.metrics().get("store.recovery.quarantined.bytes").longValue()).isPositive();
                }
                // The journal keeps working after the repair, numbering after the last survivor.
                assertThat(journal.append(incoming(Priority.NORMAL, 99, 1)).get()[0]).isGreaterThan(expectedSurvivors);
            }
            try (Stream<Path> files = Files.list(roundDir.resolve("normal"))) {
                if (corrupt || cut != intactBytes) {
                    assertThat(files.filter(f -> f.toString().endsWith(".damaged"))).as("quarantine file kept").isNotEmpty();
                }
            }
        }
    }

    @Test
    void capacityDropsTheOldestOfTheLowestLaneFirstAndCountsEveryDrop() throws Exception {
        StoreAndForwardJournal.Settings settings = StoreAndForwardJournal.Settings.defaults(dir)
                .withSegmentBytes(2048).withMinFreeDiskBytes(0).withMaxTotalBytes(16 * 1024);
        try (StoreAndForwardJournal journal = open(settings)) {
            journal.append(incoming(Priority.ALARM, 0, 20)).get();
            journal.append(incoming(Priority.BULK, 0, 200)).get();
            journal.append(incoming(Priority.NORMAL, 0, 60)).get();
            long before = journal.pending();

            journal.enforceCapacity();

            assertThat(journal.bytesOnDisk()).isLessThanOrEqualTo(16 * 1024);
            assertThat(journal.pending(Priority.ALARM)).isEqualTo(20);
            assertThat(journal.pending(Priority.NORMAL)).isEqualTo(60);
            assertThat(journal.pending(Priority.BULK)).isLessThan(200);
            assertThat(journal.dropped()).isEqualTo(before - journal.pending());
            assertThat(journal.metrics()).containsKey("store.dropped.bulk.capacity");
            long droppedBefore = journal.dropped();
            journal.close();
            try (StoreAndForwardJournal reopened = open(settings)) {
                assertThat(reopened.dropped()).as("drop counts survive a restart").isEqualTo(droppedBefore);
            }
        }
        try (StoreAndForwardJournal journal = open(settings)) {
            // What remains of bulk is its newest part, still in order.
            List<Reading> delivered = drain(journal);
            List<Long> bulk = delivered.stream().filter(r -> r.priority() == Priority.BULK).map(Reading::seq).toList();
            assertThat(bulk).isSorted();
            assertThat(bulk.get(bulk.size() - 1)).isEqualTo(220L);
        }
    }

    @Test
    void readingsOlderThanTheirLaneAllowsAreDroppedAndCounted() throws Exception {
        Clock late = Clock.fixed(Instant.parse("2026-12-30T00:00:00Z"), ZoneOffset.UTC);
        StoreAndForwardJournal.Settings settings = StoreAndForwardJournal.Settings.defaults(dir)
                .withSegmentBytes(1024).withMinFreeDiskBytes(0);
        try (StoreAndForwardJournal journal = StoreAndForwardJournal.open(settings, late)) {
            journal.append(incoming(Priority.BULK, 0, 50)).get();    // 38 days old: beyond bulk's 3 days
            journal.append(incoming(Priority.ALARM, 0, 5)).get();    // alarm keeps 30 days... also beyond
            journal.enforceCapacity();
            assertThat(journal.metrics()).containsKey("store.dropped.bulk.age");
            assertThat(journal.pending(Priority.BULK)).isLessThan(50);
        }
    }

    @Test
    void aBacklogReadingReceivedAfterTheLinkCameUpIsNotLate() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            journal.append(incoming(Priority.NORMAL, 0, 2)).get();   // received at 10:00:00.000000 and .000001
            // The link came up between the two; the forwarder noticed only afterwards.
            journal.startDrainMode(Instant.parse("2026-11-22T10:00:00.000001Z"));

            List<Reading> delivered = drain(journal);

            assertThat(delivered).extracting(Reading::late).containsExactly(true, false);
        }
    }

    @Test
    void alarmsGoFirstAndLiveReadingsOvertakeABacklogWhichIsFlaggedLate() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            journal.append(incoming(Priority.NORMAL, 0, 100)).get();     // backlog built while offline
            journal.startDrainMode(Instant.parse("2026-11-22T11:00:00Z")); // the link is back
            journal.append(incoming(Priority.NORMAL, 100, 3)).get();      // live
            journal.append(incoming(Priority.ALARM, 0, 1)).get();         // live alarm

            StoreAndForwardJournal.Reader reader = new StoreAndForwardJournal.Reader();
            StoreAndForwardJournal.DeliveryBatch alarm = journal.nextBatch(reader, 10, Duration.ofDays(3650));
            StoreAndForwardJournal.DeliveryBatch live = journal.nextBatch(reader, 10, Duration.ofDays(3650));
            StoreAndForwardJournal.DeliveryBatch backlog = journal.nextBatch(reader, 10, Duration.ofDays(3650));

            assertThat(alarm.priority()).isEqualTo(Priority.ALARM);
            assertThat(live.stream()).isEqualTo(StoreAndForwardJournal.Stream.LIVE);
            assertThat(live.readings()).extracting(Reading::seq).containsExactly(101L, 102L, 103L);
            assertThat(live.readings()).noneMatch(Reading::late);
            assertThat(backlog.stream()).isEqualTo(StoreAndForwardJournal.Stream.BACKLOG);
            assertThat(backlog.readings()).extracting(Reading::seq).startsWith(1L, 2L);
            assertThat(backlog.readings()).allMatch(Reading::late);
            journal.acknowledge(alarm);
            journal.acknowledge(live);
            journal.acknowledge(backlog);
            List<Reading> rest = drain(journal);
            assertThat(rest).extracting(Reading::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(11, 100).boxed().toList());
            assertThat(journal.pending()).isZero();
        }
    }

    @Test
    void anUnencodableReadingIsRefusedAndTheJournalKeepsWorking() throws Exception {
        try (StoreAndForwardJournal journal = open()) {
            StoreAndForwardJournal.Incoming tooBig = new StoreAndForwardJournal.Incoming(Priority.NORMAL,
                    Instant.parse("2026-11-22T10:00:00Z"), new byte[70_000], null);
            assertThatThrownBy(() -> journal.append(List.of(tooBig)).get())
                    .cause().isInstanceOfSatisfying(StoreAndForwardJournal.AppendRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo("invalid"));
            assertThat(journal.append(incoming(Priority.NORMAL, 0, 1)).get()).containsExactly(1L);
        }
    }

    @Test
    void aDiskBelowTheReserveRefusesReadingsWithAClearReason() throws Exception {
        StoreAndForwardJournal.Settings settings = StoreAndForwardJournal.Settings.defaults(dir)
                .withMinFreeDiskBytes(Long.MAX_VALUE);
        try (StoreAndForwardJournal journal = open(settings)) {
            assertThatThrownBy(() -> journal.append(incoming(Priority.NORMAL, 0, 1)).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(StoreAndForwardJournal.AppendRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo("disk-full"));
            assertThat(journal.diskFull()).isTrue();
            assertThat(journal.pending()).isZero();
        }
    }
}
