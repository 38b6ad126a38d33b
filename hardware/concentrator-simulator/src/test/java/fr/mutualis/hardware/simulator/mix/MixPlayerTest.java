package fr.mutualis.hardware.simulator.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.FakeGateway;
import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixPlayerTest {

    private static final long EUI = 0x0016c001ff10a235L;

    @Test
    void sendsEveryDatagramOnceInOrderAndCollectsThePushAcks() throws Exception {
        TrafficMix mix = TrafficMix.generate(MixConfig.builder().seed(11).gatewayEui(EUI).build(), MixPolicy.defaults());
        try (FakeGateway gateway = new FakeGateway(FakeGateway.ACK_ALL);
             ConcentratorSimulator simulator = new ConcentratorSimulator(gateway.address(), EUI, Duration.ofMillis(500), 1)) {
            MixPlayer.Report report = new MixPlayer(simulator).play(mix);

            List<FakeGateway.Received> received = gateway.await(d -> true, mix.datagrams().size(), Duration.ofSeconds(5));
            assertThat(received).hasSameSizeAs(mix.datagrams());
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i).bytes()).as("datagram %d", i).isEqualTo(mix.datagrams().get(i).bytes());
            }
            assertThat(report.datagramsSent()).isEqualTo(mix.datagrams().size());
            assertThat(report.pushAcksExpected()).isEqualTo((int) mix.datagrams().stream().filter(MixDatagram::expectsPushAck).count());
            assertThat(report.allAcknowledged()).isTrue();
        }
    }

    /**
     * The gateway withholds the PUSH_ACK of a datagram whose successor is chained until that
     * successor arrives: a player that waited for the acknowledgement first would stall, time out
     * and report it missing. No timing is measured.
     */
    @Test
    void sendsAChainedDatagramWithoutWaitingForThePreviousAcknowledgement() throws Exception {
        TrafficMix mix = TrafficMix.generate(MixConfig.builder().seed(12).gatewayEui(EUI).build(), MixPolicy.defaults());
        Set<Integer> heldTokens = new HashSet<>();
        List<MixDatagram> datagrams = mix.datagrams();
        for (int i = 0; i + 1 < datagrams.size(); i++) {
            if (datagrams.get(i + 1).chainedToPrevious()) {
                heldTokens.add(datagrams.get(i).token());
            }
        }
        assertThat(heldTokens).isNotEmpty();
        List<FakeGateway.Received> held = new ArrayList<>();
        FakeGateway.Responder withholding = (d, gw) -> {
            for (FakeGateway.Received waiting : held) {
                FakeGateway.ACK_ALL.onDatagram(waiting, gw);
            }
            held.clear();
            if (d.identifier() == Gwmp.PUSH_DATA && heldTokens.contains(d.token())) {
                held.add(d);
            } else {
                FakeGateway.ACK_ALL.onDatagram(d, gw);
            }
        };
        try (FakeGateway gateway = new FakeGateway(withholding);
             ConcentratorSimulator simulator = new ConcentratorSimulator(gateway.address(), EUI, Duration.ofMillis(500), 1)) {
            MixPlayer.Report report = new MixPlayer(simulator, new MixPlayer.Options(Duration.ZERO, Duration.ofMillis(500)))
                    .play(mix);

            assertThat(report.unacknowledgedTokens()).isEmpty();
        }
    }

    @Test
    void refusesAMixBuiltForAnotherGateway() throws Exception {
        TrafficMix mix = TrafficMix.generate(MixConfig.builder().seed(1).gatewayEui(1L).build(), MixPolicy.defaults());
        try (FakeGateway gateway = new FakeGateway(FakeGateway.ACK_ALL);
             ConcentratorSimulator simulator = new ConcentratorSimulator(gateway.address(), EUI, Duration.ofMillis(50), 1)) {
            assertThatThrownBy(() -> new MixPlayer(simulator).play(mix)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void groundTruthLogHoldsTheMixThenWhatHappened(@TempDir Path dir) throws Exception {
        TrafficMix mix = TrafficMix.generate(MixConfig.builder().seed(13).gatewayEui(EUI).build(), MixPolicy.defaults());
        Path file = dir.resolve("truth/run.jsonl");
        try (FakeGateway gateway = new FakeGateway(FakeGateway.ACK_ALL);
             ConcentratorSimulator simulator = new ConcentratorSimulator(gateway.address(), EUI, Duration.ofMillis(500), 1);
             GroundTruthLog log = new GroundTruthLog(file)) {
            log.writeMix(mix);
            log.recordPlay(new MixPlayer(simulator).play(mix));
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines.stream().filter(l -> l.get("type").asText().equals("datagram"))).hasSameSizeAs(mix.datagrams());
        assertThat(lines.stream().filter(l -> l.get("type").asText().equals("frame"))).hasSameSizeAs(mix.groundTruth().frames());
        JsonNode frame = lines.stream().filter(l -> l.get("type").asText().equals("frame")
                && l.get("category").asText().equals("data-up")).findFirst().orElseThrow();
        assertThat(frame.fieldNames()).toIterable().contains("seq", "datagram", "token", "category", "expected",
                "devAddr", "fCnt", "fPort", "phyPayload");
        JsonNode summary = lines.stream().filter(l -> l.get("type").asText().equals("summary")).findFirst().orElseThrow();
        assertThat(summary.get("expected").get("forwarded:NORMAL").asLong())
                .isEqualTo(mix.groundTruth().expectedCounts().get("forwarded:NORMAL"));
        assertThat(summary.get("policy").get("netId").asText()).isEqualTo("000013");
        assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("play");
        assertThat(Files.readString(file)).startsWith(mix.groundTruth().toJsonLines());
    }
}
