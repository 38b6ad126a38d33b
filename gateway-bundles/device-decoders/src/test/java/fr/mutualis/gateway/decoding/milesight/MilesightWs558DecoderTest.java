package fr.mutualis.gateway.decoding.milesight;

import fr.mutualis.gateway.decoding.DecodedPayload;
import fr.mutualis.gateway.decoding.PayloadDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class MilesightWs558DecoderTest {

    private final MilesightWs558Decoder decoder = new MilesightWs558Decoder();

    @Test
    void decodesTheVendorsPeriodicReportExample() throws Exception {
        // Example of ws-series/ws558/README.md, https://github.com/Milesight-IoT/SensorDecoders:
        // voltage 222.6, active power 1, power factor 100, current 2, consumption 1, switch 1 on.
        DecodedPayload payload = decoder.decode(85, hex("08310001 058164 07C90200 0374B208 068301000000 048001000000"));

        assertThat(payload.deviceClass()).isEqualTo("milesight-ws558");
        assertThat(payload.messageType()).isEqualTo("status");
        assertThat(payload.values()).containsExactly(
                entry("switch1On", true),
                entry("switch2On", false),
                entry("switch3On", false),
                entry("switch4On", false),
                entry("switch5On", false),
                entry("switch6On", false),
                entry("switch7On", false),
                entry("switch8On", false),
                entry("switchChangeMask", 0L),
                entry("powerFactorPercent", 100L),
                entry("currentMilliamps", 2L),
                entry("voltageVolts", 222.6),
                entry("energyWattHours", 1L),
                entry("activePowerWatts", 1L));
    }

    @Test
    void decodesTheUserGuidesSwitchChangeExample() throws Exception {
        // WS558 User Guide, "Device Payload": 08 31 00 60 => L6, L7 open (powered) and the others closed.
        DecodedPayload payload = decoder.decode(85, hex("08310060"));

        assertThat(payload.messageType()).isEqualTo("switch-change");
        assertThat(payload.values())
                .containsEntry("switch6On", true).containsEntry("switch7On", true)
                .containsEntry("switch1On", false).containsEntry("switch2On", false)
                .containsEntry("switch3On", false).containsEntry("switch4On", false)
                .containsEntry("switch5On", false).containsEntry("switch8On", false);
    }

    @Test
    void decodesTheUserGuidesOverCurrentAlarmExample() throws Exception {
        // WS558 User Guide, LN model above 13 A for 30 s: 07 c9 41 3f => 16193 mA, 08 31 00 00 => all off.
        DecodedPayload payload = decoder.decode(85, hex("07c9413f 08310000"));

        assertThat(payload.messageType()).isEqualTo("overcurrent-alarm");
        assertThat(payload.values()).containsEntry("currentMilliamps", 16_193L);
        for (int circuit = 1; circuit <= 8; circuit++) {
            assertThat(payload.values()).containsEntry("switch" + circuit + "On", false);
        }
    }

    @Test
    void currentWithALampStillOnIsAStatusNotAnAlarm() throws Exception {
        assertThat(decoder.decode(85, hex("07c9413f 08310001")).messageType()).isEqualTo("status");
    }

    @Test
    void decodesTheDeviceInformationSentAfterJoining() throws Exception {
        // Built from the attribute table of the WS558 README; the version bytes are the
        // user guides' own examples (01 40 => hardware V1.4, 01 14 => software V1.14).
        DecodedPayload payload = decoder.decode(85,
                hex("ff0bff ff0101 ff090140 ff0a0114 ffff0100 ff166771c21070911328 ff0f02 ff2601 fffe00"));

        assertThat(payload.messageType()).isEqualTo("device-info");
        assertThat(payload.values()).containsExactly(
                entry("deviceOn", true),
                entry("protocolVersion", 1L),
                entry("hardwareVersion", "v1.4"),
                entry("firmwareVersion", "v1.14"),
                entry("tslVersion", "v1.0"),
                entry("serialNumber", "6771c21070911328"),
                entry("lorawanClass", "C"),
                entry("energyMeteringEnabled", true),
                entry("resetEvent", true));
    }

    @ParameterizedTest
    @CsvSource({"0101, v1.1", "0110, v1.10", "0200, v2.0"})
    void writesTheFirmwareMinorInHexDigitsAsTheVendorDoes(String bytes, String version) throws Exception {
        assertThat(decoder.decode(85, hex("ff0a" + bytes)).values()).containsEntry("firmwareVersion", version);
    }

    @Test
    void aReportWithDeviceInformationKeepsBothSetsOfKeys() throws Exception {
        DecodedPayload payload = decoder.decode(85, hex("ff0bff 0374b208"));

        assertThat(payload.messageType()).isEqualTo("status");
        assertThat(payload.values()).containsEntry("deviceOn", true).containsEntry("voltageVolts", 222.6);
    }

    @Test
    void readsEveryFieldAsUnsigned() throws Exception {
        DecodedPayload payload = decoder.decode(85, hex("0374ffff 0480ffffffff 058164 0683ffffffff 07c9ffff 0831ffff"));

        assertThat(payload.values())
                .containsEntry("voltageVolts", 6553.5)
                .containsEntry("activePowerWatts", 4_294_967_295L)
                .containsEntry("energyWattHours", 4_294_967_295L)
                .containsEntry("currentMilliamps", 65_535L)
                .containsEntry("switchChangeMask", 255L)
                .containsEntry("switch8On", true);
    }

    @Test
    void readsZeroes() throws Exception {
        DecodedPayload payload = decoder.decode(85, hex("03740000 048000000000 058100 068300000000 07c90000 08310000"));

        assertThat(payload.messageType()).isEqualTo("status");
        assertThat(payload.values()).containsEntry("voltageVolts", 0.0).containsEntry("powerFactorPercent", 0L);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'',                     too-short",
            "08,                     truncated",
            "0831,                   truncated",
            "083100,                 truncated",
            "0374b208 04,            truncated",
            "0899 0000,              unknown-channel",
            "0000,                   unknown-channel",
            "ff03 b004,              unknown-channel",
            "fe10 ff,                unknown-channel",
            "08310001 08310001,      duplicate-channel",
            "ff0f04,                 bad-value",
            "058165,                 bad-value",
            "ff2602,                 bad-value"})
    void rejectsMalformedPayloadsWithAReason(String payload, String reason) {
        assertThatThrownBy(() -> decoder.decode(85, hex(payload)))
                .isInstanceOfSatisfying(PayloadDecodingException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void namesTheOffendingChannelAndOffset() {
        assertThatThrownBy(() -> decoder.decode(85, hex("0374b208 0899 0000")))
                .hasMessageContaining("0x08").hasMessageContaining("0x99").hasMessageContaining("offset 4");
        assertThatThrownBy(() -> decoder.decode(85, hex("0374b208 048001")))
                .hasMessageContaining("ACTIVE_POWER").hasMessageContaining("offset 4")
                .hasMessageContaining("needs 4 value bytes, 1 left");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 84, 86, 100, 255})
    void rejectsOtherPorts(int fPort) {
        assertThatThrownBy(() -> decoder.decode(fPort, hex("08310001")))
                .isInstanceOfSatisfying(PayloadDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo("unknown-fport"));
    }

    @Test
    void followsAReconfiguredApplicationPort() throws Exception {
        MilesightWs558Decoder onPort10 = new MilesightWs558Decoder(10);

        assertThat(onPort10.decode(10, hex("08310001")).values()).containsEntry("switch1On", true);
        assertThatThrownBy(() -> onPort10.decode(85, hex("08310001"))).isInstanceOf(PayloadDecodingException.class);
        assertThatThrownBy(() -> new MilesightWs558Decoder(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MilesightWs558Decoder(224)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
