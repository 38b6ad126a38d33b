package fr.mutualis.gateway.pipeline;

import static fr.mutualis.gateway.pipeline.PipelineTestSupport.config;
import static fr.mutualis.gateway.pipeline.PipelineTestSupport.dataUp;
import static fr.mutualis.gateway.pipeline.PipelineTestSupport.joinRequest;
import static fr.mutualis.gateway.pipeline.PipelineTestSupport.received;
import static fr.mutualis.gateway.pipeline.PipelineTestSupport.unconfirmedUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.contract.Priority;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.IntakeRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FramePipelineTest {

    private static final int OWN = 0x26011A2B;          // NetID 000013
    private static final int FOREIGN = 0x02001234;      // NetID 000001
    private final PipelineTestSupport.RecordingStore store = new PipelineTestSupport.RecordingStore();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> logLines = new ArrayList<>();

    private FramePipeline pipeline(Map<String, Object> settings) {
        return new FramePipeline(config(settings), store, PipelineTestSupport.logger(logLines), clock::get);
    }

    private long dropped(FramePipeline pipeline, String reason) {
        return pipeline.metrics().get("pipeline.dropped." + reason).longValue();
    }

    @Test
    void dropsEachKindOfUnwantedFrameWithItsOwnReason() {
        FramePipeline pipeline = pipeline(Map.of(
                "netIds", new String[] {"000013"},
                "devAddrDeny", new String[] {"26011f00/24"},
                "joinEuiRanges", new String[] {"70b3d57ed0000000-70b3d57ed00fffff"}));

        pipeline.accept(List.of(
                received(unconfirmedUp(OWN, 1, 1)),                                  // kept
                received(unconfirmedUp(OWN, 2, 1), -1),                              // crc-failed
                received(unconfirmedUp(OWN, 3, 1), 0),                               // crc-missing
                received(new byte[] {0x41, 1, 2}),                                   // not-lorawan (major 1)
                received(dataUp(0x60, OWN, 4, 1, 4)),                                // not-uplink
                received(unconfirmedUp(FOREIGN, 1, 1)),                              // netid-not-allowed
                received(unconfirmedUp(0x26011F05, 1, 1)),                           // devaddr-denied
                received(joinRequest(0x70B3D57ED0000042L, 0x0004A30B001C0530L, 1)),  // kept
                received(joinRequest(0x0000000000000001L, 0x0004A30B001C0531L, 1)),  // joineui-not-allowed
                received(new byte[] {(byte) 0xE0, 1, 2, 3, 4, 5}))).join();          // proprietary

        assertThat(store.stored).hasSize(2);
        assertThat(dropped(pipeline, "crc-failed")).isEqualTo(1);
        assertThat(dropped(pipeline, "crc-missing")).isEqualTo(1);
        assertThat(dropped(pipeline, "not-lorawan")).isEqualTo(1);
        assertThat(dropped(pipeline, "not-uplink")).isEqualTo(1);
        assertThat(dropped(pipeline, "netid-not-allowed")).isEqualTo(1);
        assertThat(dropped(pipeline, "devaddr-denied")).isEqualTo(1);
        assertThat(dropped(pipeline, "joineui-not-allowed")).isEqualTo(1);
        assertThat(dropped(pipeline, "proprietary")).isEqualTo(1);
        assertThat(pipeline.metrics()).containsEntry("pipeline.frames.in", 10L)
                .containsEntry("pipeline.stored.normal", 2L);
        assertThat(pipeline.metrics().keySet()).anyMatch(k -> k.startsWith("pipeline.not_lorawan."));
    }

    @Test
    void priorityRulesChooseTheLaneFirstMatchWins() {
        FramePipeline pipeline = pipeline(Map.of("priorityRules", new String[] {
                "ALARM fport=99", "BULK fport=200-223", "ALARM devaddr=26011a00/24 mtype=confirmed"}));

        pipeline.accept(List.of(
                received(unconfirmedUp(OWN, 1, 99)),
                received(unconfirmedUp(OWN, 2, 210)),
                received(dataUp(0x80, OWN, 3, 5, 4)),
                received(unconfirmedUp(OWN, 4, 5)),
                received(joinRequest(1, 2, 3)))).join();

        assertThat(store.stored).extracting(ClassifiedFrame::priority).containsExactly(
                Priority.ALARM, Priority.BULK, Priority.ALARM, Priority.NORMAL, Priority.NORMAL);
    }

    @Test
    void keepsAFrameOnceWithinTheWindowAndAgainAfterIt() {
        FramePipeline pipeline = pipeline(Map.of("dedupeWindowMillis", 200));
        byte[] frame = unconfirmedUp(OWN, 7, 1);

        pipeline.accept(List.of(received(frame), received(frame.clone()))).join();
        clock.addAndGet(150_000_000L);
        pipeline.accept(List.of(received(frame.clone()))).join();
        clock.addAndGet(250_000_000L);
        pipeline.accept(List.of(received(frame.clone()))).join();

        assertThat(store.stored).hasSize(2);
        assertThat(dropped(pipeline, "duplicate")).isEqualTo(2);
    }

    @Test
    void aDuplicateIsAcknowledgedOnlyOnceItsOriginalIsStored() {
        store.completeImmediately = false;
        FramePipeline pipeline = pipeline(Map.of());
        byte[] frame = unconfirmedUp(OWN, 8, 1);

        CompletableFuture<Void> original = pipeline.accept(List.of(received(frame)));
        CompletableFuture<Void> duplicate = pipeline.accept(List.of(received(frame.clone())));

        assertThat(duplicate).isNotDone();
        store.pending.get(0).complete(null);
        assertThat(original).isCompleted();
        assertThat(duplicate).isCompleted();
    }

    @Test
    void aFrameTheStoreRefusedIsNotTakenForADuplicateWhenItComesAgain() {
        store.completeImmediately = false;
        FramePipeline pipeline = pipeline(Map.of());
        byte[] frame = unconfirmedUp(OWN, 9, 1);

        CompletableFuture<Void> first = pipeline.accept(List.of(received(frame)));
        CompletableFuture<Void> copy = pipeline.accept(List.of(received(frame.clone())));
        store.pending.get(0).completeExceptionally(new IntakeRefusedException("disk-full", "full"));
        CompletableFuture<Void> retry = pipeline.accept(List.of(received(frame.clone())));

        assertThat(first).isCompletedExceptionally();
        assertThat(copy).as("a copy of a refused frame must not be acknowledged").isCompletedExceptionally();
        assertThat(store.pending).as("the retry reaches the store").hasSize(2);
        store.pending.get(1).complete(null);
        assertThat(retry).isCompleted();
        assertThat(pipeline.metrics()).containsEntry("pipeline.store.refusals", 1L);
    }

    @Test
    void limitsEachDeviceToItsAllowanceRefilledOverThePeriod() {
        FramePipeline pipeline = pipeline(Map.of("rateLimitFrames", 3, "rateLimitPeriodSeconds", 60));
        List<fr.mutualis.gateway.api.ReceivedFrame> burst = new ArrayList<>();
        for (int fCnt = 0; fCnt < 5; fCnt++) {
            burst.add(received(unconfirmedUp(OWN, fCnt, 1)));
        }
        burst.add(received(unconfirmedUp(OWN + 1, 0, 1)));

        pipeline.accept(burst).join();
        assertThat(store.stored).hasSize(4);
        assertThat(dropped(pipeline, "rate-limited")).isEqualTo(2);

        clock.addAndGet(20_000_000_000L); // one frame's worth of refill (3 per 60 s)
        pipeline.accept(List.of(received(unconfirmedUp(OWN, 5, 1)), received(unconfirmedUp(OWN, 6, 1)))).join();
        assertThat(store.stored).hasSize(5);
        assertThat(dropped(pipeline, "rate-limited")).isEqualTo(3);
    }

    @Test
    void aBadConfigurationFailsActivationButARejectedChangeKeepsThePreviousPolicy() {
        assertThatThrownBy(() -> pipeline(Map.of("netIds", new String[] {"zz"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NetID allow-list")
                .hasMessageContaining("zz");
        assertThatThrownBy(() -> pipeline(Map.of("priorityRules", new String[] {"URGENT fport=1"})))
                .hasMessageContaining("lane 'URGENT'");
        assertThatThrownBy(() -> pipeline(Map.of("priorityRules", new String[] {"ALARM colour=red"})))
                .hasMessageContaining("unknown condition 'colour'");

        FramePipeline pipeline = pipeline(Map.of("netIds", new String[] {"000013"}));
        pipeline.modified(config(Map.of("netIds", new String[] {"not-hex"})));
        pipeline.accept(List.of(received(unconfirmedUp(FOREIGN, 1, 1)))).join();

        assertThat(dropped(pipeline, "netid-not-allowed")).as("the previous allow-list still applies").isEqualTo(1);
        assertThat(pipeline.metrics()).containsEntry("pipeline.config.rejected", 1L);
        assertThat(logLines).anyMatch(line -> line.contains("Filter configuration refused"));
    }

    @Test
    void withoutLorawanOnlyAMalformedFrameIsKeptInTheDefaultLane() {
        FramePipeline pipeline = pipeline(Map.of("lorawanOnly", false));

        pipeline.accept(List.of(received(new byte[] {0x41, 1, 2}))).join();

        assertThat(store.stored).singleElement().extracting(ClassifiedFrame::priority).isEqualTo(Priority.NORMAL);
    }
}
