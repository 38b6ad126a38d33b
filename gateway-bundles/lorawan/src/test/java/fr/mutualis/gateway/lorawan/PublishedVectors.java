package fr.mutualis.gateway.lorawan;

import java.util.List;

/**
 * LoRaWAN frames published with their keys and expected fields, used by {@link PublishedVectorsTest}
 * and fed to the lora-packet oracle too. Every vector names its source; values are copied from the
 * published test data, only the layout is ours.
 */
final class PublishedVectors {

    static final String LORA_PACKET = "lora-packet 0.9.3 (github.com/anthonykirby/lora-packet): README example and "
            + "__tests__/parse_test.ts, mic_test.ts, decrypt_test.ts";
    static final String TTS_DATA = "The Things Stack (github.com/TheThingsNetwork/lorawan-stack) pkg/crypto/data_messages_test.go";
    static final String TTS_JOIN = "The Things Stack (github.com/TheThingsNetwork/lorawan-stack) pkg/crypto/join_messages_test.go";
    static final String CHIRPSTACK = "ChirpStack (github.com/chirpstack/chirpstack) lrwn/src/phy_payload.rs tests";

    private static final String LP_NWK_S_KEY = "44024241ed4ce9a68c6a8bc055233fd3";
    private static final String LP_APP_S_KEY = "ec925802ae430ca77fd3dd73cb2cc588";
    private static final String ONES = "01010101010101010101010101010101";

    /**
     * A data frame. {@code micValid} and {@code plaintext} are null where the source publishes no
     * expectation. The TTS plaintext is derived from its published encryption pair (the keystream
     * is an XOR, so decrypting 01020304 gives what encrypting it gave).
     */
    record DataVector(String source, String phy, MType mType, String devAddr, int fCnt, int fCtrl, int fPort,
            String frmPayload, String mic, String nwkSKey, String appSKey, Boolean micValid, String plaintext) {
        @Override
        public String toString() {
            return source + ": " + phy;
        }
    }

    /** A join request; {@code appKey} and {@code micValid} null when only the fields are published. */
    record JoinRequestVector(String source, String phy, String joinEui, String devEui, int devNonce, String mic,
            String appKey, Boolean micValid) {
        @Override
        public String toString() {
            return source + ": " + phy;
        }
    }

    /** A LoRaWAN 1.1 rejoin request; {@code netIdOrJoinEui} is the NetID for types 0 and 2, the JoinEUI for type 1. */
    record RejoinVector(String source, String phy, int rejoinType, String netIdOrJoinEui, String devEui, int rjCount,
            String mic, String key) {
        @Override
        public String toString() {
            return source + ": " + phy;
        }
    }

    static final List<DataVector> DATA = List.of(
            new DataVector(LORA_PACKET, "40F17DBE4900020001954378762B11FF0D", MType.UNCONFIRMED_DATA_UP, "49be7df1",
                    2, 0x00, 1, "95437876", "2b11ff0d", LP_NWK_S_KEY, LP_APP_S_KEY, true, "74657374" /* "test" */),
            new DataVector(LORA_PACKET, "40F17DBE49000300012A3518AF", MType.UNCONFIRMED_DATA_UP, "49be7df1",
                    3, 0x00, 1, "", "2a3518af", LP_NWK_S_KEY, LP_APP_S_KEY, true, ""),
            new DataVector(LORA_PACKET, "60f17dbe4920020001f9d65d27", MType.UNCONFIRMED_DATA_DOWN, "49be7df1",
                    2, 0x20, 1, "", "f9d65d27", LP_NWK_S_KEY, LP_APP_S_KEY, true, ""),
            new DataVector(LORA_PACKET, "40f17dbe490004000155332de41a11adc072553544429ce7787707d1c316e027e7e5e3342633"
                    + "76affb8aa17ad30075293f28dea8a20af3c5e7", MType.UNCONFIRMED_DATA_UP, "49be7df1", 4, 0x00, 1,
                    "55332de41a11adc072553544429ce7787707d1c316e027e7e5e334263376affb8aa17ad30075293f28dea8a2",
                    "0af3c5e7", LP_NWK_S_KEY, LP_APP_S_KEY, null,
                    // "The quick brown fox jumps over the lazy dog."
                    "54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e"),
            new DataVector(TTS_DATA, "400403020100010001010203043b073182", MType.UNCONFIRMED_DATA_UP, "01020304",
                    1, 0x00, 1, "01020304", "3b073182", ONES, ONES, true, "cff30b4e"));

    static final List<JoinRequestVector> JOIN_REQUESTS = List.of(
            new JoinRequestVector(LORA_PACKET, "0039363463336913AA05693574323831338EF1C1D5EC6C",
                    "aa13693363343639", "3331383274356905", 0xf18e, "c1d5ec6c", null, null),
            new JoinRequestVector(LORA_PACKET, "0039363463336913AA05693574323831330489C65B1304",
                    "aa13693363343639", "3331383274356905", 0x8904, "c65b1304", "98929b92c49edba9676d646d3b612456", true),
            new JoinRequestVector(TTS_JOIN, "00080706050403020108070605040302010201e6e10c55",
                    "0102030405060708", "0102030405060708", 0x0102, "e6e10c55", ONES, true),
            new JoinRequestVector(CHIRPSTACK, "0008070605040302010102030405060708000401020304",
                    "0102030405060708", "0807060504030201", 1024, "01020304", null, null));

    static final List<RejoinVector> REJOINS = List.of(
            new RejoinVector(TTS_JOIN, "c0000302010807060504030201020111da47bd", 0, "010203", "0102030405060708",
                    0x0102, "11da47bd", ONES),
            new RejoinVector(TTS_JOIN, "c00108070605040302010807060504030201020167f9abe7", 1, "0102030405060708",
                    "0102030405060708", 0x0102, "67f9abe7", ONES),
            new RejoinVector(TTS_JOIN, "c002030201080706050403020102012b459cf0", 2, "010203", "0102030405060708",
                    0x0102, "2b459cf0", ONES));

    /** Frames published as valid that carry no fields we expose beyond the MType. */
    static final List<String> RAW = List.of(
            "20386337CCBBAAE7CD2C010000D9D0A6E7", // lora-packet parse_test.ts: a join accept (shown unencrypted)
            "e0", // ChirpStack lrwn phy_payload.rs test_proprietary
            "e0010203");

    /**
     * lora-packet's parse_test.ts "should Join Accept" frame: MHDR 0x33 is a join accept with Major 3
     * and 32 bytes (neither 17 nor 33). lora-packet parses it; we refuse it as {@code bad-major}.
     */
    static final String LORA_PACKET_MAJOR_3_JOIN_ACCEPT = "33105EAFD15E04A62872C97F821955A1B75420F0FFCC20CF999347E18AA8A235";

    private PublishedVectors() {
    }
}
