package fr.mutualis.gateway.decoding.axioma;

import fr.mutualis.gateway.decoding.DecodedPayload;
import fr.mutualis.gateway.decoding.PayloadDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class QalcosonicW1DecoderTest {

    private final QalcosonicW1Decoder decoder = new QalcosonicW1Decoder();

    /**
     * The example frame of section 6 ("Example of decoding payload") of Axioma Metering's Qalcosonic W1
     * LoRa payload document (W1 LORA PAYLOAD EXTENDED, V01.8): a leakage alarm, 15 hourly increments.
     */
    private static final String VENDOR_EXTENDED_EXAMPLE =
            "0ea0355d" + "30" + "29350000" + "54c0345d" + "e7290000"
                    + "b800b900b800b800b800b900b800b800b800b800b800b800b900b900b900";

    /**
     * Example "Enhanced 24h payload" of The Things Network device repository,
     * vendor/axioma/qalcosonic-w1-codec.yaml (https://github.com/TheThingsNetwork/lorawan-devices).
     */
    private static final String TTN_ENHANCED_EXAMPLE =
            "01" + "aeac986a" + "00" + "32170000"
                    + "00000000000000008003800054000e4005100048000240020000200000000000000000000000000000";

    @Test
    void decodesTheVendorsExtendedExample() throws Exception {
        DecodedPayload payload = decoder.decode(100, hex(VENDOR_EXTENDED_EXAMPLE));

        assertThat(payload.deviceClass()).isEqualTo("qalcosonic-w1");
        assertThat(payload.messageType()).isEqualTo("index-report");
        assertThat(payload.values()).containsExactly(
                entry("meterTime", Instant.parse("2019-07-22T11:37:50Z")),
                entry("statusByte", 0x30L),
                entry("lowBattery", false),
                entry("permanentError", false),
                entry("temporaryError", true),
                entry("alarm", "leakage"),
                entry("indexLitres", 13_609L),
                entry("logTime", Instant.parse("2019-07-21T19:43:16Z")),
                entry("logIndexLitres", 10_727L),
                entry("logIncrementsLitres", List.of(184L, 185L, 184L, 184L, 184L, 185L, 184L, 184L, 184L, 184L,
                        184L, 184L, 185L, 185L, 185L)));
    }

    @Test
    void decodesTheTtnRepositoryEnhancedDailyExample() throws Exception {
        DecodedPayload payload = decoder.decode(100, hex(TTN_ENHANCED_EXAMPLE));

        // Expected values as published with the example (there in m³: log 5.938, current 6.054).
        assertThat(payload.messageType()).isEqualTo("daily-index-report");
        assertThat(payload.values()).containsExactly(
                entry("frameVersion", 1L),
                entry("meterTime", Instant.parse("2026-09-02T23:09:34Z")),
                entry("statusByte", 0L),
                entry("lowBattery", false),
                entry("permanentError", false),
                entry("temporaryError", false),
                entry("alarm", "none"),
                entry("indexLitres", 6_054L),
                entry("logIndexLitres", 5_938L),
                entry("logIncrementsLitres", List.of(0L, 0L, 0L, 0L, 0L, 14L, 8L, 21L, 14L, 21L, 1L, 18L, 2L, 9L, 0L,
                        8L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)));
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
            "0x00, none,         false, false, false",
            "0x04, none,         true,  false, false",
            "0x08, none,         false, true,  false",
            "0x10, none,         false, false, true",
            "0x30, leakage,      false, false, true",
            "0x70, backflow,     false, false, true",
            "0x90, freeze,       false, false, true",
            "0xB0, burst,        false, false, true",
            "0xD0, tamper,       false, false, true",
            "0x50, unrecognised, false, false, true",
            "0xFC, unrecognised, true,  true,  true",
            "0x03, none,         false, false, false"})
    void readsTheStatusByte(String status, String alarm, boolean lowBattery, boolean permanent, boolean temporary)
            throws Exception {
        byte[] frame = hex(VENDOR_EXTENDED_EXAMPLE);
        frame[4] = (byte) Integer.decode(status).intValue();

        DecodedPayload payload = decoder.decode(100, frame);

        assertThat(payload.values())
                .containsEntry("statusByte", (long) (frame[4] & 0xFF))
                .containsEntry("alarm", alarm)
                .containsEntry("lowBattery", lowBattery)
                .containsEntry("permanentError", permanent)
                .containsEntry("temporaryError", temporary);
    }

    @Test
    void readsEveryFieldAsUnsigned() throws Exception {
        byte[] frame = new byte[17 + 2];
        Arrays.fill(frame, (byte) 0xFF);

        DecodedPayload payload = decoder.decode(100, frame);

        Instant lastSecondOfUint32 = Instant.parse("2106-02-07T06:28:15Z");
        assertThat(payload.values())
                .containsEntry("meterTime", lastSecondOfUint32)
                .containsEntry("indexLitres", 4_294_967_295L)
                .containsEntry("logTime", lastSecondOfUint32)
                .containsEntry("logIndexLitres", 4_294_967_295L)
                .containsEntry("logIncrementsLitres", List.of(65_535L));
    }

    @Test
    void theDailyIndexDoesNotOverflowPastTheUint32Counter() throws Exception {
        byte[] frame = new byte[51];
        Arrays.fill(frame, (byte) 0xFF);
        frame[0] = 1;

        DecodedPayload payload = decoder.decode(100, frame);

        assertThat(payload.values())
                .containsEntry("logIndexLitres", 4_294_967_295L)
                .containsEntry("indexLitres", 4_294_967_295L + 23 * 16_383L);
        assertThat(payload.value("logIncrementsLitres", List.class)).get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(23).containsOnly(16_383L);
    }

    @Test
    void acceptsEveryDocumentedNumberOfIncrements() throws Exception {
        for (int increments = 0; increments <= 15; increments++) {
            byte[] frame = Arrays.copyOf(hex(VENDOR_EXTENDED_EXAMPLE), 17 + 2 * increments);

            DecodedPayload payload = decoder.decode(100, frame);

            assertThat(payload.value("logIncrementsLitres", List.class)).get()
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(increments);
        }
    }

    @Test
    void decodesAnAlarmPacket() throws Exception {
        // 2024-01-01T00:00:00Z = 0x65920080, little-endian; bit 0 (leakage) and bit 5 (backflow) set.
        DecodedPayload payload = decoder.decode(103, hex("8000926521"));

        assertThat(payload.messageType()).isEqualTo("alarm");
        assertThat(payload.values()).containsExactly(
                entry("meterTime", Instant.parse("2024-01-01T00:00:00Z")),
                entry("alarmByte", 0x21L),
                entry("leakageAlarm", true),
                entry("burstAlarm", false),
                entry("freezeAlarm", false),
                entry("tamperAlarm", false),
                entry("noConsumptionAlarm", false),
                entry("backflowAlarm", true));
    }

    @Test
    void keepsUndocumentedAlarmBitsInTheRawByteOnly() throws Exception {
        DecodedPayload payload = decoder.decode(103, hex("00000000c0"));

        assertThat(payload.values()).containsEntry("alarmByte", 0xC0L)
                .containsEntry("leakageAlarm", false).containsEntry("burstAlarm", false)
                .containsEntry("freezeAlarm", false).containsEntry("tamperAlarm", false)
                .containsEntry("noConsumptionAlarm", false).containsEntry("backflowAlarm", false);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void rejectsAnIndexReportShorterThanItsHeader(int length) {
        assertRejected(100, new byte[length], "too-short", length + " bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {18, 20, 46, 48, 49, 50, 52, 64, 242})
    void rejectsAnIndexReportOfAnUndocumentedLength(int length) {
        assertRejected(100, new byte[length], "bad-length", length + " bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0xFF})
    void rejectsAnUnknownDailyFrameVersion(int version) {
        byte[] frame = hex(TTN_ENHANCED_EXAMPLE);
        frame[0] = (byte) version;

        assertRejected(100, frame, "unsupported-version", "frame version " + version);
    }

    @ParameterizedTest
    @CsvSource({"0, too-short", "4, too-short", "6, bad-length", "47, bad-length"})
    void rejectsAnAlarmPacketOfTheWrongLength(int length, String reason) {
        assertRejected(103, new byte[length], reason, length + " bytes");
    }

    @Test
    void leavesConfigurationFramesUndecoded() {
        assertRejected(101, hex(VENDOR_EXTENDED_EXAMPLE), "unsupported-fport", "fPort 101");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 85, 99, 102, 104, 223, 224, 255})
    void rejectsPortsTheMeterDoesNotUse(int fPort) {
        assertRejected(fPort, hex(VENDOR_EXTENDED_EXAMPLE), "unknown-fport", "fPort " + fPort);
    }

    @Test
    void doesNotModifyTheInput() throws Exception {
        byte[] frame = hex(TTN_ENHANCED_EXAMPLE);
        byte[] copy = frame.clone();

        decoder.decode(100, frame);

        assertThat(frame).isEqualTo(copy);
    }

    private void assertRejected(int fPort, byte[] frame, String reason, String messagePart) {
        assertThatThrownBy(() -> decoder.decode(fPort, frame))
                .isInstanceOfSatisfying(PayloadDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
