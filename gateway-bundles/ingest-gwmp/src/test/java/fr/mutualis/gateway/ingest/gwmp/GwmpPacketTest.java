package fr.mutualis.gateway.ingest.gwmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GwmpPacketTest {

    private static byte[] pushData(int version, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[12 + body.length];
        packet[0] = (byte) version;
        packet[1] = (byte) 0xAB;
        packet[2] = (byte) 0xCD;
        packet[3] = 0x00;
        for (int i = 0; i < 8; i++) {
            packet[4 + i] = (byte) (0xA0 + i);
        }
        System.arraycopy(body, 0, packet, 12, body.length);
        return packet;
    }

    @Test
    void decodesPushDataHeaderAndAcknowledgesWithTheSameToken() throws Exception {
        byte[] data = pushData(2, "{}");

        GwmpPacket packet = GwmpPacket.parse(data, data.length);

        assertThat(packet.identifier()).isEqualTo(GwmpPacket.PUSH_DATA);
        assertThat(packet.gatewayEuiHex()).isEqualTo("a0a1a2a3a4a5a6a7");
        assertThat(packet.acknowledgement()).containsExactly(2, 0xAB, 0xCD, 0x01);
    }

    @Test
    void rejectsMalformedHeadersWithAReason() {
        assertThatThrownBy(() -> GwmpPacket.parse(new byte[] {2, 0, 0}, 3))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("too-short"));
        assertThatThrownBy(() -> GwmpPacket.parse(new byte[] {9, 0, 0, 0}, 4))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("unknown-version"));
        assertThatThrownBy(() -> GwmpPacket.parse(new byte[] {2, 0, 0, 0, 1, 2}, 6))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("too-short"));
        assertThatThrownBy(() -> GwmpPacket.parse(new byte[] {2, 0, 0, 0x01}, 4))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo("unexpected-identifier"));
    }

    @Test
    void decodesRxpkFramesAndRejectsBrokenEntriesOneByOne() throws Exception {
        String json = """
                {"rxpk":[
                  {"time":"2026-11-22T10:00:00.000001Z","tmst":3512348611,"chan":2,"rfch":0,"freq":868.1,
                   "stat":1,"modu":"LORA","datr":"SF7BW125","codr":"4/5","rssi":-35,"lsnr":5.1,"size":4,"data":"QAECAw=="},
                  {"freq":868.3,"size":3,"data":"not base64!"},
                  {"freq":868.5,"size":9,"data":"QAECAw"},
                  {"freq":868.5}
                ]}""";
        Instant now = Instant.parse("2026-11-22T10:00:00.5Z");

        RxpkDecoder.Decoded decoded = new RxpkDecoder().decode(json.getBytes(StandardCharsets.UTF_8), now);

        assertThat(decoded.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.phyPayload()).containsExactly(0x40, 1, 2, 3);
            assertThat(frame.receivedAt()).isEqualTo(now);
            assertThat(frame.radio().frequencyHz()).isEqualTo(868_100_000L);
            assertThat(frame.radio().dataRate()).isEqualTo("SF7BW125");
            assertThat(frame.radio().snr()).isEqualTo(5.1);
            assertThat(frame.radio().concentratorTimestamp()).isEqualTo(3_512_348_611L);
            assertThat(frame.radio().gatewayTime()).isEqualTo("2026-11-22T10:00:00.000001Z");
        });
        assertThat(decoded.rejections()).containsExactly("rxpk-bad-base64", "rxpk-size-mismatch", "rxpk-missing-data");
    }

    @Test
    void rejectsBodiesThatAreNotJsonObjects() {
        assertThatThrownBy(() -> new RxpkDecoder().decode("{\"rxpk\":".getBytes(StandardCharsets.UTF_8), Instant.now()))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("bad-json"));
        assertThatThrownBy(() -> new RxpkDecoder().decode("[1]".getBytes(StandardCharsets.UTF_8), Instant.now()))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("bad-json"));
        assertThatThrownBy(() -> new RxpkDecoder().decode("{\"rxpk\":3}".getBytes(StandardCharsets.UTF_8), Instant.now()))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("bad-rxpk"));
        assertThatThrownBy(() -> new RxpkDecoder().decode("{\"rxpk\":3,".getBytes(StandardCharsets.UTF_8), Instant.now()))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("bad-json"));
        assertThatThrownBy(() -> new RxpkDecoder().decode("{\"rxpk\":[]} {}".getBytes(StandardCharsets.UTF_8), Instant.now()))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("bad-json"));
        assertThatThrownBy(() -> new RxpkDecoder().decode("{\"rxpk\":[{\"data\":\"QAE=\"}".getBytes(StandardCharsets.UTF_8),
                Instant.now()))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo("bad-json"));
    }
}
