package fr.mutualis.gateway.ingest.gwmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.TxStatus;
import fr.mutualis.contract.Txpk;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PULL_RESP out and TX_ACK back, over real UDP sockets: the server side and a forwarder stand-in. */
class DownlinkDispatcherTest {

    private static final Txpk TXPK = new Txpk(null, 3_512_348_611L, null, 869.525, 0, 14, "LORA", "SF9BW125", "4/5",
            null, true, null, 4, "YAECAw==", null);

    private DatagramSocket server;
    private DatagramSocket forwarder;
    private DownlinkDispatcher dispatcher;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void sockets() throws Exception {
        server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        forwarder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        forwarder.setSoTimeout(5_000);
        // Long enough that no test answering a PULL_RESP races the timer on a slow machine; the timeout test builds its own.
        dispatcher = dispatcherWaiting(Duration.ofSeconds(30));
    }

    private DownlinkDispatcher dispatcherWaiting(Duration txAckTimeout) {
        return new DownlinkDispatcher((datagram, to) -> server.send(new DatagramPacket(datagram, datagram.length,
                to)), Clock.systemUTC(), "gw-1", "35238", Duration.ofSeconds(60), txAckTimeout);
    }

    @AfterEach
    void close() {
        server.close();
        forwarder.close();
    }

    private static DownlinkRequest request(String id, Txpk txpk) {
        return new DownlinkRequest(DownlinkRequest.VERSION, id, Instant.now(), txpk);
    }

    private void pullDataFrom(int version) throws MalformedPacketException {
        byte[] pullData = {(byte) version, 0x12, 0x34, 0x02, 1, 2, 3, 4, 5, 6, 7, 8};
        dispatcher.onPullData(GwmpPacket.parse(pullData, pullData.length), forwarder.getLocalSocketAddress(),
                System.nanoTime());
    }

    private DatagramPacket receiveAtForwarder() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        forwarder.receive(packet);
        return packet;
    }

    private static byte[] txAck(int token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[12 + body.length];
        packet[0] = 2;
        packet[1] = (byte) (token >> 8);
        packet[2] = (byte) token;
        packet[3] = 0x05;
        System.arraycopy(body, 0, packet, 12, body.length);
        return packet;
    }

    @Test
    void sendsPullRespAndCompletesWithTheForwardersTxAckError() throws Exception {
        pullDataFrom(2);

        CompletableFuture<DownlinkResult> result = dispatcher.transmit(request("d-1", TXPK), System.nanoTime());
        DatagramPacket pullResp = receiveAtForwarder();

        byte[] data = Arrays.copyOf(pullResp.getData(), pullResp.getLength());
        assertThat(data[0]).isEqualTo((byte) 2);
        assertThat(data[3]).isEqualTo((byte) 0x03);
        JsonNode txpk = mapper.readTree(Arrays.copyOfRange(data, 4, data.length)).path("txpk");
        assertThat(txpk.path("tmst").asLong()).isEqualTo(3_512_348_611L);
        assertThat(txpk.path("freq").asDouble()).isEqualTo(869.525);
        assertThat(txpk.path("datr").asText()).isEqualTo("SF9BW125");
        assertThat(txpk.path("ipol").asBoolean()).isTrue();
        assertThat(txpk.path("size").asInt()).isEqualTo(4);
        assertThat(result).isNotDone();

        int token = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
        byte[] ack = txAck(token, "{\"txpk_ack\":{\"error\":\"TOO_LATE\"}}");
        dispatcher.onTxAck(GwmpPacket.parse(ack, ack.length));

        DownlinkResult outcome = result.get(5, TimeUnit.SECONDS);
        assertThat(outcome.id()).isEqualTo("d-1");
        assertThat(outcome.status()).isEqualTo(TxStatus.TOO_LATE);
        assertThat(outcome.gatewayId()).isEqualTo("gw-1");
    }

    @Test
    void anEmptyTxAckMeansAccepted() throws Exception {
        pullDataFrom(2);
        CompletableFuture<DownlinkResult> result = dispatcher.transmit(request("d-2", TXPK), System.nanoTime());
        byte[] data = receiveAtForwarder().getData();
        int token = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
        byte[] ack = txAck(token, "");

        dispatcher.onTxAck(GwmpPacket.parse(ack, ack.length));

        assertThat(result.get(5, TimeUnit.SECONDS).status()).isEqualTo(TxStatus.NONE);
    }

    @Test
    void reportsNoTxAckWhenTheForwarderStaysSilent() throws Exception {
        dispatcher = dispatcherWaiting(Duration.ofMillis(500));
        pullDataFrom(2);

        DownlinkResult outcome = dispatcher.transmit(request("d-3", TXPK), System.nanoTime()).get(5, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(TxStatus.NO_TX_ACK);
        Map<String, Number> metrics = new TreeMap<>();
        dispatcher.addMetrics(metrics);
        assertThat(metrics).containsEntry("ingest.gwmp.downlinks.no_tx_ack", 1L)
                .containsEntry("ingest.gwmp.downlinks.waiting", 0);
    }

    @Test
    void versionOneForwardersGetThePacketButNoConfirmation() throws Exception {
        pullDataFrom(1);

        DownlinkResult outcome = dispatcher.transmit(request("d-4", TXPK), System.nanoTime()).get(5, TimeUnit.SECONDS);

        assertThat(receiveAtForwarder().getData()[0]).isEqualTo((byte) 1);
        assertThat(outcome.status()).isEqualTo(TxStatus.SENT_UNCONFIRMED);
    }

    @Test
    void refusesWithoutAForwarderOrWithAnInvalidTxpk() throws Exception {
        assertThat(dispatcher.transmit(request("d-5", TXPK), System.nanoTime()).get().status())
                .isEqualTo(TxStatus.NO_FORWARDER);

        pullDataFrom(2);
        Txpk noTiming = new Txpk(null, null, null, 869.525, 0, 14, "LORA", "SF9BW125", "4/5", null, true, null, 9,
                "YAECAw==", null);
        DownlinkResult invalid = dispatcher.transmit(request("d-6", noTiming), System.nanoTime()).get();

        assertThat(invalid.status()).isEqualTo(TxStatus.INVALID);
        assertThat(invalid.detail()).contains("exactly one of imme=true, tmst or tmms").contains("size 9 does not match");
    }

    @Test
    void aTxAckWithAnUnknownTokenIsRejectedWithAReason() throws Exception {
        byte[] ack = txAck(0x4242, "{\"txpk_ack\":{\"error\":\"NONE\"}}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatcher.onTxAck(GwmpPacket.parse(ack, ack.length)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo("tx-ack-unknown-token"));
    }
}
