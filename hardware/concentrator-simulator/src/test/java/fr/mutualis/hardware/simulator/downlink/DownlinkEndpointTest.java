package fr.mutualis.hardware.simulator.downlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.FakeGateway;
import fr.mutualis.hardware.simulator.SimulatedFrame;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import fr.mutualis.hardware.simulator.gwmp.ConcentratorClock;
import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DownlinkEndpointTest {

    private static final long EUI = 0x0016c001ff10a235L;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TXPK = "{\"txpk\":{%s\"freq\":%s,\"rfch\":0,\"powe\":%d,\"modu\":\"LORA\",\"datr\":\"SF9BW125\","
            + "\"codr\":\"4/5\",\"ipol\":true,\"size\":4,\"data\":\"3q2+7w==\"}}";

    private FakeGateway gateway;
    private DownlinkEndpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sendsAPullDataAtStartThenEveryKeepAliveAndCountsPullAcks() throws Exception {
        start(DownlinkOptions.defaults().withKeepAlive(Duration.ofMillis(100)));

        List<FakeGateway.Received> pulls = gateway.await(d -> d.identifier() == Gwmp.PULL_DATA, 3, WAIT);
        assertThat(pulls).hasSizeGreaterThanOrEqualTo(3);
        byte[] pull = pulls.get(0).bytes();
        assertThat(pull).hasSize(12);
        assertThat(pull[0]).isEqualTo((byte) 2);
        assertThat(pull[3]).isEqualTo((byte) Gwmp.PULL_DATA);
        assertThat(Arrays.copyOfRange(pull, 4, 12)).isEqualTo(euiBytes());
        assertThat(endpoint.awaitPullAck(WAIT)).isTrue();
        assertThat(endpoint.pullDataSent()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void answersAValidPullRespWithTxAckNoneCarryingItsToken() throws Exception {
        start(DownlinkOptions.defaults());

        pullResp(2, 0xBEEF, String.format(TXPK, "\"imme\":true,", "869.525", 27));

        FakeGateway.Received ack = txAcks(1).get(0);
        assertThat(ack.bytes()[0]).isEqualTo((byte) 2);
        assertThat(ack.token()).isEqualTo(0xBEEF);
        assertThat(Arrays.copyOfRange(ack.bytes(), 4, 12)).isEqualTo(euiBytes());
        assertThat(new String(ack.body(), StandardCharsets.UTF_8)).isEqualTo("{\"txpk_ack\":{\"error\":\"NONE\"}}");
        ReceivedDownlink downlink = endpoint.awaitDownlinks(1, WAIT).get(0);
        assertThat(downlink.outcome()).isEqualTo("tx-ack:NONE");
        assertThat(downlink.txAckSent()).isTrue();
        assertThat(downlink.txpk().frequencyMHz()).isEqualTo(869.525);
        assertThat(downlink.txpk().payload()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
        assertThat(downlink.txpk().invertPolarity()).isTrue();
    }

    @Test
    void aFixedPolicyAnswersTheConfiguredError() throws Exception {
        start(DownlinkOptions.defaults().withTxAckPolicy(TxAckPolicy.fixed(TxAckError.COLLISION_BEACON)));

        pullResp(2, 7, String.format(TXPK, "\"imme\":true,", "868.1", 14));

        assertThat(new String(txAcks(1).get(0).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"txpk_ack\":{\"error\":\"COLLISION_BEACON\"}}");
    }

    @Test
    void theRealisticPolicyChecksFrequencyPowerGpsTimingAndCollisions() throws Exception {
        ConcentratorClock clock = new ConcentratorClock(4_000_000_000L); // close to the 32-bit wrap on purpose
        start(DownlinkOptions.defaults().withClock(clock));
        // Far enough ahead that a slow machine handles both before the JIT queue's 32.5 ms lead time is reached.
        long inFiveSeconds = (clock.now() + 5_000_000) & 0xFFFF_FFFFL;

        pullResp(2, 1, String.format(TXPK, "\"tmst\":" + inFiveSeconds + ",", "868.1", 14));
        pullResp(2, 2, String.format(TXPK, "\"tmst\":" + inFiveSeconds + ",", "868.3", 14));
        pullResp(2, 3, String.format(TXPK, "\"tmst\":" + ((clock.now() - 10_000) & 0xFFFF_FFFFL) + ",", "868.1", 14));
        pullResp(2, 4, String.format(TXPK, "\"tmst\":" + ((clock.now() + 600_000_000L) & 0xFFFF_FFFFL) + ",", "868.1", 14));
        pullResp(2, 5, String.format(TXPK, "\"imme\":true,", "915.2", 14));
        pullResp(2, 6, String.format(TXPK, "\"imme\":true,", "868.1", 40));
        pullResp(2, 7, String.format(TXPK, "\"tmms\":1479376900000,", "868.1", 14));

        List<String> outcomes = endpoint.awaitDownlinks(7, WAIT).stream().map(ReceivedDownlink::outcome).toList();
        assertThat(outcomes).containsExactly("tx-ack:NONE", "tx-ack:COLLISION_PACKET", "tx-ack:TOO_LATE",
                "tx-ack:TOO_EARLY", "tx-ack:TX_FREQ", "tx-ack:TX_POWER", "tx-ack:GPS_UNLOCKED");
        assertThat(txAcks(7)).extracting(FakeGateway.Received::token).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void malformedPullRespsAreCountedAndGetNoTxAck() throws Exception {
        start(DownlinkOptions.defaults());

        pullResp(2, 11, "{\"txpk\":{\"imme\":true");
        pullResp(2, 12, "{\"nothing\":{}}");
        pullResp(2, 13, String.format(TXPK, "\"imme\":true,", "868.1", 14).replace("3q2+7w==", "3q2*7w=="));
        pullResp(2, 14, String.format(TXPK, "\"imme\":true,", "868.1", 14).replace("\"size\":4", "\"size\":5"));
        pullResp(2, 15, String.format(TXPK, "\"imme\":true,", "\"868.1\"", 14));
        pullResp(2, 16, String.format(TXPK, "", "868.1", 14));
        pullResp(2, 17, String.format(TXPK, "\"imme\":true,", "868.1", 14).replace("SF9BW125", "SF13BW125"));
        pullResp(2, 18, String.format(TXPK, "\"imme\":true,", "868.1", 14)); // a good one last: everything before was handled

        List<ReceivedDownlink> downlinks = endpoint.awaitDownlinks(8, WAIT);
        assertThat(downlinks).extracting(ReceivedDownlink::outcome).containsExactly("rejected:bad-json",
                "rejected:no-txpk", "rejected:bad-base64", "rejected:size-mismatch", "rejected:bad-freq",
                "rejected:missing-timing", "rejected:bad-datr", "tx-ack:NONE");
        assertThat(txAcks(1)).extracting(FakeGateway.Received::token).containsExactly(18);
        assertThat(endpoint.rejections()).containsEntry("bad-json", 1L).containsEntry("size-mismatch", 1L);
    }

    @Test
    void sx1302WordingSendsNoJsonOnSuccessAndTxPowerAsAWarning() throws Exception {
        start(DownlinkOptions.defaults().withTxAckStyle(TxAckStyle.SX1302));

        pullResp(2, 21, String.format(TXPK, "\"imme\":true,", "868.1", 14));
        pullResp(2, 22, String.format(TXPK, "\"imme\":true,", "868.1", 30));

        List<FakeGateway.Received> acks = txAcks(2);
        assertThat(acks.get(0).bytes()).hasSize(12);
        assertThat(new ObjectMapper().readTree(acks.get(1).body()).toString())
                .isEqualTo("{\"txpk_ack\":{\"warn\":\"TX_POWER\",\"value\":27}}");
    }

    @Test
    void protocolV1HasNoTxAck() throws Exception {
        start(DownlinkOptions.defaults().withProtocolVersion(1));

        assertThat(gateway.await(d -> d.identifier() == Gwmp.PULL_DATA, 1, WAIT).get(0).bytes()[0]).isEqualTo((byte) 1);
        pullResp(1, 0, String.format(TXPK, "\"imme\":true,", "868.1", 14));
        pullResp(2, 0, String.format(TXPK, "\"imme\":true,", "868.1", 14)); // wrong version: ignored, counted

        ReceivedDownlink downlink = endpoint.awaitDownlinks(1, WAIT).get(0);
        assertThat(downlink.txAckSent()).isFalse();
        assertThat(downlink.outcome()).isEqualTo("tx-ack:NONE");
        awaitRejection("unknown-version");
        assertThat(gateway.received()).noneMatch(d -> d.identifier() == Gwmp.TX_ACK);
    }

    @Test
    void awaitingMoreDownlinksThanCameTimesOut() throws Exception {
        start(DownlinkOptions.defaults());

        assertThatThrownBy(() -> endpoint.awaitDownlinks(1, Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
    }

    @Test
    void theSimulatorsDownlinkFollowsTheTimestampsOfTheFramesItSent() throws Exception {
        gateway = new FakeGateway(FakeGateway.ACK_ALL);
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(gateway.address(), EUI, Duration.ofMillis(500), 1)) {
            DownlinkEndpoint downlink = simulator.startDownlink(DownlinkOptions.defaults());
            assertThat(downlink.awaitPullAck(WAIT)).isTrue();
            SimulatedFrame frame = new TrafficGenerator(3, 1, 4).next(Instant.now());
            assertThat(simulator.push(List.of(frame)).acknowledged()).isTrue();

            // Join-accept RX1, 5 s after the uplink: unlike a data RX1 (1 s), leaves a slow machine time to answer.
            long joinRx1 = (frame.concentratorTimestamp() + 5_000_000) & 0xFFFF_FFFFL;
            gateway.send(pullRespBytes(2, 0x4242, String.format(TXPK, "\"tmst\":" + joinRx1 + ",", "868.1", 14)),
                    gateway.pullSource());

            assertThat(downlink.awaitDownlinks(1, WAIT).get(0).outcome()).isEqualTo("tx-ack:NONE");
        }
    }

    private static byte[] euiBytes() {
        return new byte[] {0x00, 0x16, (byte) 0xc0, 0x01, (byte) 0xff, 0x10, (byte) 0xa2, 0x35};
    }

    private void start(DownlinkOptions options) throws Exception {
        gateway = new FakeGateway(FakeGateway.ACK_ALL);
        endpoint = new DownlinkEndpoint(gateway.address(), EUI, options);
        assertThat(gateway.await(d -> d.identifier() == Gwmp.PULL_DATA, 1, WAIT)).isNotEmpty();
    }

    private void pullResp(int version, int token, String json) throws Exception {
        gateway.send(pullRespBytes(version, token, json), gateway.pullSource());
    }

    /** PULL_RESP has no EUI: 4-byte header, then the JSON. */
    private static byte[] pullRespBytes(int version, int token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] datagram = new byte[4 + body.length];
        datagram[0] = (byte) version;
        datagram[1] = (byte) (token >> 8);
        datagram[2] = (byte) token;
        datagram[3] = Gwmp.PULL_RESP;
        System.arraycopy(body, 0, datagram, 4, body.length);
        return datagram;
    }

    private List<FakeGateway.Received> txAcks(int count) throws InterruptedException {
        List<FakeGateway.Received> acks = gateway.await(d -> d.identifier() == Gwmp.TX_ACK, count, WAIT);
        assertThat(acks).hasSize(count);
        return acks;
    }

    private void awaitRejection(String reason) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(endpoint.rejections()).containsKey(reason));
    }
}
