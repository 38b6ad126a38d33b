package fr.mutualis.gateway.store;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.contract.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

final class JournalTestSupport {

    static final RadioMetadata RADIO = new RadioMetadata(868_100_000L, "LORA", "SF7BW125", "4/5", -57, 5.1, 2, 0,
            4_000_000_000L, 1, "2026-11-22T14:03:07.120001Z");
    /** Every field set, including the ones added after the first journal format. */
    static final RadioMetadata FULL_RADIO = new RadioMetadata(867_900_000L, "LORA", "SF12BW125", "4/5", -119, -17.25,
            7, 1, 123L, 1, "2026-11-22T14:03:07.120001Z", 1_447_000_000_123L, 999_999_999L, 1);

    private JournalTestSupport() {
    }

    static StoreAndForwardJournal.Incoming incoming(Priority priority, int index) {
        Instant receivedAt = Instant.parse("2026-11-22T10:00:00Z").plusNanos(index * 1_000L);
        byte[] payload = {0x40, (byte) index, (byte) (index >> 8), (byte) (index >> 16), 1, 2, 3};
        return new StoreAndForwardJournal.Incoming(priority, receivedAt, payload, index % 3 == 0 ? null : index % 3 == 1 ? RADIO : FULL_RADIO);
    }

    static List<StoreAndForwardJournal.Incoming> incoming(Priority priority, int from, int count) {
        List<StoreAndForwardJournal.Incoming> list = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            list.add(incoming(priority, i));
        }
        return list;
    }

    /** Bytes of a reading's body as the journal writes it. */
    static int encodedSize(Reading reading) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(ReadingCodec.maxEncodedSize(reading));
        ReadingCodec.encode(reading, buffer);
        return buffer.position();
    }

    /** Takes and acknowledges everything deliverable, in delivery order. */
    static List<Reading> drain(StoreAndForwardJournal journal) throws Exception {
        List<Reading> delivered = new ArrayList<>();
        StoreAndForwardJournal.Reader reader = new StoreAndForwardJournal.Reader();
        for (StoreAndForwardJournal.DeliveryBatch batch; (batch = journal.nextBatch(reader, 100, Duration.ofDays(3650))) != null; ) {
            delivered.addAll(batch.readings());
            journal.acknowledge(batch);
        }
        return delivered;
    }
}
