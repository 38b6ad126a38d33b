package fr.mutualis.gateway.decoding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.mutualis.contract.Priority;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.ReceivedFrame;
import fr.mutualis.gateway.decoding.DecodedUplink;
import fr.mutualis.gateway.lorawan.LoRaWanCrypto;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

/** Frames built with real session keys, decoded end to end: MIC, FCnt, decryption, device decoder. */
class LocalPayloadDecodingTest {

    private static final int WATER_METER = 0x26011A2B;
    private static final String NWK_S_KEY = "2b7e151628aed2a6abf7158809cf4f3c";
    private static final String APP_S_KEY = "000102030405060708090a0b0c0d0e0f";
    /** The vendor's example daily frame (Axioma W1 extended payload document), also used by the decoder's tests. */
    private static final String W1_EXAMPLE = "0ea0355d" + "30" + "29350000" + "54c0345d" + "e7290000"
            + "b800b900b800b800b800b900b800b800b800b800b800b800b900b900b900";

    private final List<DecodedUplink> decoded = new CopyOnWriteArrayList<>();
    private LocalPayloadDecoding decoding;

    @AfterEach
    void stop() throws InterruptedException {
        if (decoding != null) {
            decoding.deactivate();
        }
    }

    private LocalPayloadDecoding start(String... devices) {
        LocalPayloadDecoding created = new LocalPayloadDecoding(config(devices), silentLogger());
        created.bindListener(decoded::add);
        return created;
    }

    /** An unconfirmed data-up frame, FRMPayload encrypted with the AppSKey and MIC computed with the NwkSKey. */
    static byte[] uplink(int devAddr, int fCnt, int fPort, byte[] plaintext, String nwkSKey, String appSKey) {
        byte[] cipher = LoRaWanCrypto.decryptFrmPayload(HexFormat.of().parseHex(appSKey), true, devAddr, fCnt, plaintext);
        byte[] frame = new byte[9 + cipher.length + 4];
        frame[0] = 0x40;
        frame[1] = (byte) devAddr;
        frame[2] = (byte) (devAddr >> 8);
        frame[3] = (byte) (devAddr >> 16);
        frame[4] = (byte) (devAddr >> 24);
        frame[6] = (byte) fCnt;
        frame[7] = (byte) (fCnt >> 8);
        frame[8] = (byte) fPort;
        System.arraycopy(cipher, 0, frame, 9, cipher.length);
        byte[] withoutMic = java.util.Arrays.copyOf(frame, frame.length - 4);
        int mic = LoRaWanCrypto.dataFrameMic(HexFormat.of().parseHex(nwkSKey), true, devAddr, fCnt, withoutMic);
        // The MIC's four bytes, in the order LoRaWanCrypto returns them (first CMAC byte most significant).
        frame[frame.length - 4] = (byte) (mic >>> 24);
        frame[frame.length - 3] = (byte) (mic >>> 16);
        frame[frame.length - 2] = (byte) (mic >>> 8);
        frame[frame.length - 1] = (byte) mic;
        return frame;
    }

    private static List<ClassifiedFrame> stored(byte[]... frames) {
        return java.util.Arrays.stream(frames).map(f -> new ClassifiedFrame(
                new ReceivedFrame(Instant.parse("2026-11-22T03:00:00Z"), f, null), Priority.NORMAL)).toList();
    }

    @Test
    void decodesAConfiguredWaterMeterAndIgnoresForgedAndReplayedFrames() {
        decoding = start("26011a2b:qalcosonic-w1:" + NWK_S_KEY + ":" + APP_S_KEY);
        byte[] plaintext = HexFormat.of().parseHex(W1_EXAMPLE);
        byte[] beforeRollover = uplink(WATER_METER, 65_530, 100, plaintext, NWK_S_KEY, APP_S_KEY);
        byte[] good = uplink(WATER_METER, 70_000, 100, plaintext, NWK_S_KEY, APP_S_KEY);
        byte[] forged = uplink(WATER_METER, 70_001, 100, plaintext, "00000000000000000000000000000000", APP_S_KEY);
        byte[] otherDevice = uplink(WATER_METER + 1, 1, 100, plaintext, NWK_S_KEY, APP_S_KEY);

        decoding.stored(stored(beforeRollover, good, forged, otherDevice, good.clone()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(decoding.metrics())
                .containsEntry("decoding.decoded", 2L).containsEntry("decoding.failed.mic-failed", 1L)
                .containsEntry("decoding.failed.replayed", 1L));
        assertThat(decoded).hasSize(2).last().satisfies(uplink -> {
            assertThat(uplink.devAddr()).isEqualTo("26011a2b");
            assertThat(uplink.fCnt()).isEqualTo(70_000L).as("the 32-bit counter, past one 16-bit rollover");
            assertThat(uplink.payload().values()).containsEntry("indexLitres", 13_609L)
                    .containsEntry("alarm", "leakage");
        });
    }

    @Test
    void aPayloadTheDecoderRefusesIsCountedByReason() {
        decoding = start("26011a2b:qalcosonic-w1:" + NWK_S_KEY + ":" + APP_S_KEY);

        decoding.stored(stored(uplink(WATER_METER, 1, 100, new byte[] {1, 2, 3}, NWK_S_KEY, APP_S_KEY)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(decoding.metrics())
                .containsEntry("decoding.failed.too-short", 1L));
        assertThat(decoded).isEmpty();
    }

    @Test
    void aBadDeviceEntryIsRefusedWithoutEchoingTheKey() {
        assertThatThrownBy(() -> start("26011a2b:qalcosonic-w1:" + NWK_S_KEY.substring(2) + ":" + APP_S_KEY))
                .hasMessageContaining("NwkSKey of device 26011a2b is not 32 hex digits")
                .hasMessageNotContaining(NWK_S_KEY.substring(2));
        assertThatThrownBy(() -> start("26011a2b:toaster:" + NWK_S_KEY + ":" + APP_S_KEY))
                .hasMessageContaining("toaster");
        assertThatThrownBy(() -> start("26011a2b:qalcosonic-w1:" + NWK_S_KEY + ":" + APP_S_KEY,
                "26011A2B:milesight-ws558:" + NWK_S_KEY + ":" + APP_S_KEY)).hasMessageContaining("configured twice");
    }

    private static LocalPayloadDecoding.Config config(String... devices) {
        Map<String, Object> values = Map.of("devices", devices, "queueSize", 64);
        return (LocalPayloadDecoding.Config) Proxy.newProxyInstance(LocalPayloadDecoding.Config.class.getClassLoader(),
                new Class<?>[] {LocalPayloadDecoding.Config.class}, (proxy, method, args) ->
                        method.getName().equals("annotationType") ? LocalPayloadDecoding.Config.class
                                : values.get(method.getName()));
    }

    private static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE
                        : method.getReturnType() == String.class ? "test" : null);
    }
}
