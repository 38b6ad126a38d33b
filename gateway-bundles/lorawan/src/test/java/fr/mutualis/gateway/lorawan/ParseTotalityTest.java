package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fuzzing hook, as a plain test until Jazzer takes over: {@link PhyPayload#parse} is total.
 * Over 200,000 seeded random and mutated-valid frames, every input either parses, and then every
 * accessor that applies to its MType answers without throwing, or is refused with a
 * {@link MalformedFrameException} carrying a known reason; nothing else ever escapes.
 */
class ParseTotalityTest {

    private static final int FRAMES = 200_000;
    private static final Set<String> REASONS = Set.of("too-short", "too-long", "bad-major", "fopts-overflow",
            "fport0-with-fopts", "join-request-length", "join-accept-length", "rejoin-request-length", "rejoin-type");

    @Test
    void parseEitherSucceedsOrThrowsMalformedFrameException() {
        Random random = new Random(0x5eed);
        List<FrameCorpus.CorpusFrame> valid = FrameCorpus.valid(1);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < FRAMES; i++) {
            byte[] input = i % 2 == 0 ? randomFrame(random) : mutate(random, valid.get(random.nextInt(valid.size())).phy());
            String outcome;
            try {
                PhyPayload frame = PhyPayload.parse(input);
                readEverything(frame);
                outcome = "parsed " + frame.mType();
            } catch (MalformedFrameException e) {
                assertThat(REASONS).as("reason of %s", Frames.hex(input)).contains(e.reason());
                assertThat(e.getMessage()).isNotBlank();
                outcome = "refused " + e.reason();
            } catch (RuntimeException | Error e) {
                throw new AssertionError("parse or an accessor threw " + e + " for " + Frames.hex(input), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("parse totality over " + FRAMES + " frames: " + outcomes);
        assertThat(outcomes.keySet()).as("both outcomes seen").anyMatch(o -> o.startsWith("parsed"))
                .anyMatch(o -> o.startsWith("refused"));
    }

    /** Mostly short frames, sometimes up to 300 bytes, with a biased MHDR so every MType shows up. */
    private static byte[] randomFrame(Random random) {
        int length = random.nextInt(4) == 0 ? random.nextInt(301) : random.nextInt(40);
        byte[] frame = new byte[length];
        random.nextBytes(frame);
        if (length > 0 && random.nextBoolean()) {
            frame[0] &= (byte) 0xe0; // Major 0: gets past the first check
        }
        return frame;
    }

    private static byte[] mutate(Random random, byte[] original) {
        byte[] frame = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0:
                    frame = java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1));
                    break;
                case 1:
                    frame = java.util.Arrays.copyOf(frame, frame.length + 1 + random.nextInt(20));
                    break;
                case 2:
                    if (frame.length > 0) {
                        frame[random.nextInt(Math.min(frame.length, 10))] = (byte) random.nextInt();
                    }
                    break;
                default:
                    if (frame.length > 0) {
                        frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
            }
        }
        return frame;
    }

    /** Calls every accessor that applies to the frame's MType; any exception fails the test. */
    private static void readEverything(PhyPayload frame) {
        frame.bytes();
        frame.length();
        frame.major();
        frame.toString();
        frame.hashCode();
        if (frame.hasMic()) {
            frame.mic();
        }
        switch (frame.mType()) {
            case UNCONFIRMED_DATA_UP:
            case UNCONFIRMED_DATA_DOWN:
            case CONFIRMED_DATA_UP:
            case CONFIRMED_DATA_DOWN:
                frame.devAddr();
                frame.adr();
                frame.adrAckReq();
                frame.ack();
                frame.fPending();
                frame.fOpts();
                frame.fCnt();
                int length = frame.frmPayload().length;
                if (length != frame.frmPayloadLength() || (frame.fPort() < 0 && length > 0)) {
                    fail("inconsistent FRMPayload for " + Frames.hex(frame.bytes()));
                }
                if (frame.fOptsLength() != frame.fOpts().length) {
                    fail("inconsistent FOpts for " + Frames.hex(frame.bytes()));
                }
                break;
            case JOIN_REQUEST:
                frame.joinEui();
                frame.devEui();
                frame.devNonce();
                break;
            case REJOIN_REQUEST:
                frame.devEui();
                frame.rjCount();
                if (frame.rejoinType() == 1) {
                    frame.joinEui();
                } else {
                    frame.netId();
                }
                break;
            default:
                break;
        }
    }
}
