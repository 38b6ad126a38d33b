package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LoRaWanCryptoTest {

    private static final byte[] ONES = Frames.hex("01010101010101010101010101010101");
    private static final int DEV_ADDR = 0x01020304;

    /** The Things Stack pkg/crypto/data_messages_test.go, TestUplinkDownlinkEncryption (FRMPayload part). */
    @Test
    void encryptsLikeTheThingsStack() {
        byte[] plain = {1, 2, 3, 4};

        assertThat(Frames.hex(LoRaWanCrypto.decryptFrmPayload(ONES, true, DEV_ADDR, 1, plain))).isEqualTo("cff30b4e");
        assertThat(Frames.hex(LoRaWanCrypto.decryptFrmPayload(ONES, false, DEV_ADDR, 1, plain))).isEqualTo("4e75f440");
        assertThat(LoRaWanCrypto.decryptFrmPayload(ONES, true, DEV_ADDR, 1, Frames.hex("cff30b4e"))).isEqualTo(plain);
    }

    /**
     * The Things Stack pkg/crypto/data_messages_test.go, TestUplinkDownlinkMIC: the same message
     * gives 3b073182 as an uplink and a5609fa9 as a (LoRaWAN 1.0) downlink.
     */
    @Test
    void computesUplinkAndDownlinkMicsLikeTheThingsStack() {
        byte[] message = Frames.hex("40" + "04030201" + "00" + "0100" + "01" + "01020304");

        assertThat(LoRaWanCrypto.dataFrameMic(ONES, true, DEV_ADDR, 1, message)).isEqualTo(0x3b073182);
        assertThat(LoRaWanCrypto.dataFrameMic(ONES, false, DEV_ADDR, 1, message)).isEqualTo(0xa5609fa9);
    }

    @Test
    void theKeystreamIsAesOfTheABlocksNumberedFromOne() throws Exception {
        byte[] key = new byte[16];
        new Random(7).nextBytes(key);
        int fCnt32 = 0x8001_0203; // above 2^31: only the bits matter
        byte[] zeros = new byte[40];

        byte[] keystream = LoRaWanCrypto.decryptFrmPayload(key, false, DEV_ADDR, fCnt32, zeros);

        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"));
        for (int block = 1; block <= 3; block++) {
            // A_i = 01 | 00 00 00 00 | Dir (1: down) | DevAddr LE | FCnt32 LE | 00 | i
            byte[] a = Frames.hex("0100000000" + "01" + "04030201" + "03020180" + "00" + String.format("%02x", block));
            byte[] expected = aes.doFinal(a);
            int from = (block - 1) * 16;
            int to = Math.min(40, from + 16);
            assertThat(java.util.Arrays.copyOfRange(keystream, from, to))
                    .isEqualTo(java.util.Arrays.copyOf(expected, to - from));
        }
        assertThat(LoRaWanCrypto.decryptFrmPayload(key, false, DEV_ADDR, fCnt32, keystream)).isEqualTo(zeros);
    }

    @Test
    void theFrameFormUsesTheThirtyTwoBitCounterAndChecksItsLowBits() throws Exception {
        byte[] withoutMic = Frames.dataWithoutMic(0x40, DEV_ADDR, 0, 0x0005, new byte[0], 1, new byte[] {9});
        int fCnt32 = 0x0003_0005;
        PhyPayload frame = PhyPayload.parse(Frames.withMic(withoutMic,
                LoRaWanCrypto.dataFrameMic(ONES, true, DEV_ADDR, fCnt32, withoutMic)));

        assertThat(LoRaWanCrypto.verifyDataFrameMic(ONES, frame, fCnt32)).isTrue();
        assertThat(LoRaWanCrypto.verifyDataFrameMic(ONES, frame, 0x0004_0005)).isFalse();
        assertThatThrownBy(() -> LoRaWanCrypto.dataFrameMic(ONES, frame, 0x0003_0006))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not end with the frame's FCnt 0x0005");
    }

    @Test
    void picksTheNetworkKeyForFPortZero() throws Exception {
        byte[] appSKey = new byte[16];
        byte[] macCommands = {0x02}; // LinkCheckReq
        byte[] encrypted = LoRaWanCrypto.decryptFrmPayload(ONES, true, DEV_ADDR, 1, macCommands);
        PhyPayload frame = PhyPayload.parse(Frames.withMic(
                Frames.dataWithoutMic(0x40, DEV_ADDR, 0, 1, new byte[0], 0, encrypted), 0));

        assertThat(LoRaWanCrypto.decryptFrmPayload(frame, 1, appSKey, ONES)).isEqualTo(macCommands);
    }

    @Test
    void refusesFramesOfTheWrongType() throws Exception {
        PhyPayload joinRequest = PhyPayload.parse(Frames.hex(PublishedVectors.JOIN_REQUESTS.get(0).phy()));
        PhyPayload data = PhyPayload.parse(Frames.hex(PublishedVectors.DATA.get(0).phy()));

        assertThatThrownBy(() -> LoRaWanCrypto.dataFrameMic(ONES, joinRequest, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JOIN_REQUEST");
        assertThatThrownBy(() -> LoRaWanCrypto.joinRequestMic(ONES, data))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoRaWanCrypto.rejoinRequestMic(ONES, data))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
