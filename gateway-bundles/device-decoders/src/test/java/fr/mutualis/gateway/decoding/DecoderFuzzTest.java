package fr.mutualis.gateway.decoding;

import fr.mutualis.gateway.decoding.axioma.QalcosonicW1Decoder;
import fr.mutualis.gateway.decoding.milesight.MilesightWs558Decoder;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Radio input is hostile: for every byte array and every fPort, a decoder answers with a payload or
 * a {@link PayloadDecodingException} carrying a documented reason, never anything else. Seeded, so a
 * failure reproduces; the failing port and bytes are in the message.
 */
class DecoderFuzzTest {

    private static final int ARRAYS_PER_DECODER = 100_000;
    private static final long SEED = 0x4D75_7475_616C_6973L;
    private static final Set<String> REASONS = Set.of(
            PayloadDecodingException.UNKNOWN_FPORT, PayloadDecodingException.UNSUPPORTED_FPORT,
            PayloadDecodingException.TOO_SHORT, PayloadDecodingException.BAD_LENGTH,
            PayloadDecodingException.TRUNCATED, PayloadDecodingException.UNKNOWN_MESSAGE_TYPE,
            PayloadDecodingException.UNKNOWN_CHANNEL, PayloadDecodingException.DUPLICATE_CHANNEL,
            PayloadDecodingException.UNSUPPORTED_VERSION, PayloadDecodingException.BAD_VALUE);

    /** Valid frames to mutate, so that random bytes also reach the decoding past the length checks. */
    private static final List<byte[]> QALCOSONIC_SEEDS = hexes(
            "0ea0355d302935000054c0345de7290000b800b900b800b800b800b900b800b800b800b800b800b800b900b900b900",
            "01aeac986a00321700" + "00000000000000008003800054000e4005100048000240020000200000000000000000000000000000",
            "8000926521");
    private static final List<byte[]> WS558_SEEDS = hexes(
            "08310001058164" + "07c902000374b208068301000000048001000000",
            "ff0bffff0101ff090140ff0a0114ffff0100ff166771c21070911328ff0f02ff2601fffe00",
            "07c9413f08310000");
    /** Channel headers of the WS558, so that random payloads are often well-framed. */
    private static final int[][] WS558_HEADERS = {
            {0x03, 0x74}, {0x04, 0x80}, {0x05, 0x81}, {0x06, 0x83}, {0x07, 0xC9}, {0x08, 0x31},
            {0xFF, 0x01}, {0xFF, 0x09}, {0xFF, 0x0A}, {0xFF, 0xFF}, {0xFF, 0x16}, {0xFF, 0x0F}, {0xFF, 0xFE},
            {0xFF, 0x0B}, {0xFF, 0x26}};

    @Test
    void qalcosonicW1AnswersEveryInputOnEveryPort() {
        Random random = new Random(SEED);
        int[] interestingLengths = {0, 4, 5, 6, 16, 17, 18, 19, 43, 45, 47, 48, 50, 51, 52};
        int decoded = fuzz(new QalcosonicW1Decoder(), () -> switch (random.nextInt(3)) {
            case 0 -> randomBytes(random, random.nextInt(65));
            case 1 -> randomBytes(random, interestingLengths[random.nextInt(interestingLengths.length)]);
            default -> mutate(random, QALCOSONIC_SEEDS.get(random.nextInt(QALCOSONIC_SEEDS.size())));
        });
        assertThat(decoded).as("frames that got past validation").isGreaterThan(ARRAYS_PER_DECODER / 10);
    }

    @Test
    void milesightWs558AnswersEveryInputOnEveryPort() {
        Random random = new Random(SEED + 1);
        int decoded = fuzz(new MilesightWs558Decoder(), () -> switch (random.nextInt(3)) {
            case 0 -> randomBytes(random, random.nextInt(65));
            case 1 -> randomChannels(random);
            default -> mutate(random, WS558_SEEDS.get(random.nextInt(WS558_SEEDS.size())));
        });
        assertThat(decoded).as("frames that got past validation").isGreaterThan(ARRAYS_PER_DECODER / 20);
    }

    /** Decodes each generated array on every port 0..255; returns how many decodings succeeded. */
    private static int fuzz(PayloadDecoder decoder, java.util.function.Supplier<byte[]> arrays) {
        int decoded = 0;
        for (int n = 0; n < ARRAYS_PER_DECODER; n++) {
            byte[] bytes = arrays.get();
            byte[] original = bytes.clone();
            for (int fPort = 0; fPort <= 255; fPort++) {
                try {
                    DecodedPayload payload = decoder.decode(fPort, bytes);
                    if (!decoder.deviceClass().equals(payload.deviceClass()) || payload.values().isEmpty()) {
                        fail("odd payload " + payload + " for fPort " + fPort + " and " + hex(bytes));
                    }
                    decoded++;
                } catch (PayloadDecodingException e) {
                    if (!REASONS.contains(e.reason()) || e.getMessage() == null || e.getMessage().isBlank()) {
                        fail("reason \"" + e.reason() + "\" / message \"" + e.getMessage() + "\" for fPort "
                                + fPort + " and " + hex(bytes));
                    }
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(decoder.deviceClass() + " threw " + e + " for fPort " + fPort
                            + " and " + hex(bytes), e);
                }
            }
            if (!java.util.Arrays.equals(bytes, original)) {
                fail(decoder.deviceClass() + " modified its input " + hex(original));
            }
        }
        return decoded;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A few known channel headers followed by random value bytes of a random (often right) length. */
    private static byte[] randomChannels(Random random) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int channels = 1 + random.nextInt(6);
        for (int i = 0; i < channels; i++) {
            int[] header = WS558_HEADERS[random.nextInt(WS558_HEADERS.length)];
            out.write(header[0]);
            out.write(header[1]);
            out.writeBytes(randomBytes(random, random.nextInt(10)));
        }
        return out.toByteArray();
    }

    /** Flips, inserts, deletes or truncates a few bytes of a valid frame. */
    private static byte[] mutate(Random random, byte[] frame) {
        byte[] bytes = frame.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(3));
                default -> {
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
            }
        }
        return bytes;
    }

    private static List<byte[]> hexes(String... hex) {
        return java.util.Arrays.stream(hex).map(HexFormat.of()::parseHex).toList();
    }

    private static String hex(byte[] bytes) {
        return "bytes " + HexFormat.of().formatHex(bytes);
    }
}
