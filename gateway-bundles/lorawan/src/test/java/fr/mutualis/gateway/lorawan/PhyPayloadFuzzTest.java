package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing (Jazzer) of the key-less PHYPayload parser and of what a parsed frame
 * offers: either a frame whose accessors for its MType all work, or a
 * {@link MalformedFrameException} with a reason. Anything else, or a hang, is a finding. The
 * random-input test {@link ParseTotalityTest} covers the same promise without coverage guidance.
 */
class PhyPayloadFuzzTest {

    private static final long MIN_FUZZ_EXECUTIONS = 10_000;
    private static final AtomicLong executions = new AtomicLong();
    private static final byte[] KEY = new byte[16];

    @FuzzTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void phyPayload(byte[] data) {
        executions.incrementAndGet();
        PhyPayload frame;
        try {
            frame = PhyPayload.parse(data);
        } catch (MalformedFrameException rejected) {
            assertThat(rejected.reason()).isNotBlank();
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        assertThat(frame.bytes()).isEqualTo(data);
        MType type = frame.mType();
        if (type.isDataFrame()) {
            assertThat(frame.fOpts()).hasSize(frame.fOptsLength());
            assertThat(frame.fCnt()).isBetween(0, 0xFFFF);
            assertThat(frame.fPort()).isBetween(-1, 255);
            assertThat(frame.frmPayload()).hasSize(frame.frmPayloadLength());
            assertThat(DevAddrs.netIdType(frame.devAddr())).isBetween(-1, 7);
            long fCnt = FrameCounter.extend(frame.fCnt(), 0);
            LoRaWanCrypto.verifyDataFrameMic(KEY, frame, (int) fCnt);
            LoRaWanCrypto.decryptFrmPayload(frame, (int) fCnt, KEY, KEY);
        } else if (type == MType.JOIN_REQUEST) {
            assertThat(frame.devNonce()).isBetween(0, 0xFFFF);
            LoRaWanCrypto.verifyJoinRequestMic(KEY, frame);
            frame.joinEui();
            frame.devEui();
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
