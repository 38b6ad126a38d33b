package fr.mutualis.hardware.simulator.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Against a frame published with its keys by another implementation: the example of the npm
 * package lora-packet's documentation (unconfirmed data up, DevAddr 49BE7DF1, FCnt 2, FPort 1,
 * payload "test", MIC 2B11FF0D).
 */
class LoRaWanCryptoTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String FRAME = "40F17DBE4900020001954378762B11FF0D";
    private static final SessionKeys KEYS = new SessionKeys(HEX.parseHex("44024241ED4CE9A68C6A8BC055233FD3"),
            HEX.parseHex("EC925802AE430CA77FD3DD73CB2CC588"));

    @Test
    void encodesThePublishedFrameByteForByte() {
        byte[] frame = new DataFrame(MType.UNCONFIRMED_DATA_UP, 0x49BE7DF1, 0, 2, new byte[0], 1,
                "test".getBytes(StandardCharsets.US_ASCII)).encode(KEYS);

        assertThat(HEX.formatHex(frame)).isEqualTo(FRAME);
    }

    @Test
    void computesThePublishedMicAndDecryptsThePayload() {
        byte[] frame = HEX.parseHex(FRAME);
        byte[] msg = Arrays.copyOf(frame, frame.length - 4);

        assertThat(HEX.formatHex(LoRaWanCrypto.dataMic(KEYS.nwkSKey(), true, 0x49BE7DF1, 2, msg))).isEqualTo("2B11FF0D");
        byte[] plain = LoRaWanCrypto.cipherFrmPayload(KEYS.appSKey(), true, 0x49BE7DF1, 2, Arrays.copyOfRange(frame, 9, 13));
        assertThat(new String(plain, StandardCharsets.US_ASCII)).isEqualTo("test");
    }

    @Test
    void joinRequestIsTheMhdrEuisNonceAndTheMicOverThem() throws Exception {
        byte[] appKey = HEX.parseHex("000102030405060708090A0B0C0D0E0F");
        byte[] frame = new JoinRequest(0x4D55540000000001L, 0x0004A30B001C0530L, 0x1234).encode(appKey);

        LoRaWanTestParser.Parsed parsed = LoRaWanTestParser.parse(frame);
        assertThat(parsed.mType()).isZero();
        assertThat(parsed.joinEui()).isEqualTo(0x4D55540000000001L);
        assertThat(parsed.devEui()).isEqualTo(0x0004A30B001C0530L);
        assertThat(frame[17]).isEqualTo((byte) 0x34);
        byte[] cmac = AesCmac.mac(appKey, Arrays.copyOf(frame, 19));
        assertThat(Arrays.copyOfRange(frame, 19, 23)).isEqualTo(Arrays.copyOf(cmac, 4));
    }
}
