package fr.mutualis.gateway.ingest.gwmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.mutualis.gateway.pipeline.FramePipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing (Jazzer) of everything a datagram from the packet forwarder goes
 * through: the GWMP header, the PUSH_DATA JSON with its rxpk and stat objects, a TX_ACK, and the
 * filter pipeline behind (LoRaWAN parsing, filters, deduplication). Any input must end either
 * accepted or rejected with a reason; any other exception, or a hang, is a finding.
 *
 * <p>Surefire replays the saved inputs under {@code GwmpDatagramFuzzTestInputs}; the build's
 * {@code fuzz} execution fuzzes for {@code fuzz.duration}.
 */
class GwmpDatagramFuzzTest {

    /** A fuzzing run that Jazzer skipped or cut short must fail, not pass quietly. */
    private static final long MIN_FUZZ_EXECUTIONS = 10_000;
    private static final AtomicLong executions = new AtomicLong();

    private static final RxpkDecoder DECODER = new RxpkDecoder();
    private static final ConcentratorStatistics STATISTICS = new ConcentratorStatistics();
    private static final DownlinkDispatcher DOWNLINKS = new DownlinkDispatcher((datagram, to) -> { },
            Clock.systemUTC(), "gw-fuzz", "35238", Duration.ofSeconds(60), Duration.ofSeconds(1));
    private static final FramePipeline PIPELINE = PipelineFixtures.pipeline(Map.of("netIds", new String[] {"000013"},
            "priorityRules", new String[] {"ALARM fport=99"}, "rateLimitFrames", 100), System::nanoTime);

    @FuzzTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void datagram(byte[] data) {
        executions.incrementAndGet();
        try {
            GwmpPacket packet = GwmpPacket.parse(data, data.length);
            switch (packet.identifier()) {
                case GwmpPacket.PUSH_DATA -> {
                    RxpkDecoder.Decoded decoded = DECODER.decode(packet.json(), Instant.EPOCH);
                    assertThat(decoded.rejections()).allSatisfy(reason -> assertThat(reason).isNotBlank());
                    assertThat(decoded.frames()).allSatisfy(frame -> assertThat(frame.phyPayload()).isNotEmpty());
                    if (decoded.stat() != null) {
                        STATISTICS.record(decoded.stat(), System.nanoTime());
                    }
                    assertThat(PIPELINE.accept(decoded.frames())).isCompleted();
                }
                case GwmpPacket.TX_ACK -> DOWNLINKS.onTxAck(packet);
                case GwmpPacket.PULL_DATA -> assertThat(packet.acknowledgement()).hasSize(4);
                default -> throw new AssertionError("parse returned identifier " + packet.identifier());
            }
        } catch (MalformedPacketException rejected) {
            assertThat(rejected.reason()).isNotBlank();
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    @AfterAll
    static void fuzzingReallyRan() {
        String mode = System.getenv("JAZZER_FUZZ");
        if (mode != null && (mode.equals("1") || mode.equalsIgnoreCase("true"))) {
            assertThat(executions.get()).as("inputs tried while fuzzing").isGreaterThanOrEqualTo(MIN_FUZZ_EXECUTIONS);
        }
    }
}
