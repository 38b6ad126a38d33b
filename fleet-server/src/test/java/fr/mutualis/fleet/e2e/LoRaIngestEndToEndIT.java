package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.downlink.DownlinkEndpoint;
import fr.mutualis.hardware.simulator.downlink.DownlinkOptions;
import fr.mutualis.hardware.simulator.downlink.ReceivedDownlink;
import fr.mutualis.hardware.simulator.downlink.TxAckError;
import fr.mutualis.hardware.simulator.downlink.TxAckPolicy;
import fr.mutualis.hardware.simulator.mix.GroundTruth;
import fr.mutualis.hardware.simulator.mix.MixConfig;
import fr.mutualis.hardware.simulator.mix.MixPlayer;
import fr.mutualis.hardware.simulator.mix.MixPolicy;
import fr.mutualis.hardware.simulator.mix.TrafficMix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LoRa ingest path end to end, with the simulator's ground truth as the judge: a seeded traffic
 * mix (own devices, foreign networks, joins, bad CRC, malformed datagrams, duplicates, a chatty
 * device, every forwarder dialect) → the gateway agent (real process) → embedded broker → fleet →
 * PostgreSQL → API. And a downlink from the fleet's API to the simulated concentrator and back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoRaIngestEndToEndIT {

    private static final String COMMUNE = "35238";
    private static final long GATEWAY_EUI = 0x0016c001ff10a235L;
    private static String brokerUrl;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "e2e-lora");
    }

    private FleetApi api;

    private FleetApi api() {
        if (api == null) {
            api = FleetApi.asAdmin(fleetContext, httpPort);
        }
        return api;
    }

    /** The gateway's filters, set to what the mix's policy says (MixPolicy.defaults()). */
    private static String[] filterSettings(MixPolicy policy) {
        assertThat(policy.netId().toString()).isEqualToIgnoringCase("000013");
        assertThat(policy.alarmFPorts()).containsExactly(99);
        assertThat(policy.bulkFPorts()).containsExactly(200);
        return new String[] {
                "filter.netids=000013",
                "filter.joineui.ranges=4d55540000000000-4d555400ffffffff",
                "filter.dedupe.ms=" + policy.dedupWindow().toMillis(),
                "filter.rate.frames=" + policy.rateLimitFrames(),
                "filter.rate.period.seconds=" + policy.ratePeriod().toSeconds(),
                "filter.priority.rules=ALARM fport=99, BULK fport=200"};
    }

    @Test
    void exactlyTheAllowedFramesArriveOnceAndEveryDropIsCountedAsTheGroundTruthSays() throws Exception {
        MixPolicy policy = MixPolicy.defaults();
        assertThat(policy.joinEuiRange().toString()).isEqualToIgnoringCase("4d55540000000000-4d555400ffffffff");
        TrafficMix mix = TrafficMix.generate(MixConfig.builder().seed(20261122).gatewayEui(GATEWAY_EUI).build(), policy);
        GroundTruth truth = mix.groundTruth();
        String gatewayId = "gw-lora-mix-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();

        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, COMMUNE, brokerUrl,
                udpPort, 4, filterSettings(policy));
             ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                     GATEWAY_EUI, Duration.ofMillis(500), 1)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api().gatewayStatus(gatewayId), "ONLINE"::equals);
            api().awaitIngestListening(gatewayId);

            // The player never resends (the ground truth counts each datagram once): each PUSH_ACK gets a
            // wait long enough for a slow journal commit on a loaded machine, not the default 200 ms.
            MixPlayer.Options options = new MixPlayer.Options(Duration.ZERO, Duration.ofSeconds(2));
            MixPlayer.Report report = new MixPlayer(simulator, options).play(mix);

            assertThat(report.unacknowledgedTokens()).as("every well-formed PUSH_DATA acknowledged").isEmpty();
            Map<String, String> expectedLanes = truth.forwardedPayloads().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().name()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> storedPayloads(gatewayId).size() >= expectedLanes.size());
            List<JsonNode> stored = readings(gatewayId);
            Map<String, String> storedLanes = new HashMap<>();
            for (JsonNode reading : stored) {
                storedLanes.put(reading.get("payload").asString(), reading.get("priority").asString());
            }
            assertThat(stored).as("each allowed frame once").hasSize(expectedLanes.size());
            assertThat(storedLanes).as("exactly the allowed frames, each in its lane").isEqualTo(expectedLanes);

            Map<String, Long> expectedDrops = new TreeMap<>(truth.droppedByReason());
            Map<String, Long> expectedRejections = new TreeMap<>(truth.rejectedByReason());
            assertThat(expectedDrops).as("the mix exercises every filter").containsKeys("crc-failed", "crc-missing",
                    "not-lorawan", "not-uplink", "netid-not-allowed", "joineui-not-allowed", "duplicate",
                    "rate-limited");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode metrics = api().get("/api/gateways/" + gatewayId).at("/lastHealth/metrics");
                assertThat(counters(metrics, "pipeline.dropped.")).as("drops by reason").isEqualTo(expectedDrops);
                assertThat(counters(metrics, "ingest.gwmp.rejected.")).as("rejections by reason")
                        .isEqualTo(expectedRejections);
                assertThat(metrics.path("pipeline.frames.in").asLong()).as("frames that reached the pipeline")
                        .isEqualTo(truth.frames().stream()
                                .filter(f -> f.expected().forwarded() || f.expected().dropped()).count());
            });
            System.out.printf("LoRa mix ground truth: %d datagrams, %d rxpk entries, expected %s; %d readings stored%n",
                    truth.datagrams().size(), truth.frames().size(), truth.expectedCounts(), stored.size());
            assertThat(gateway.isAlive()).isTrue();
        }
    }

    @Test
    void aDownlinkQueuedAtTheFleetReachesTheConcentratorAndItsTxAckComesBack() throws Exception {
        String gatewayId = "gw-lora-down-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, COMMUNE, brokerUrl,
                udpPort, 4);
             ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                     GATEWAY_EUI, Duration.ofMillis(500), 1)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api().gatewayStatus(gatewayId), "ONLINE"::equals);
            api().awaitIngestListening(gatewayId);
            DownlinkEndpoint downlink = simulator.startDownlink(DownlinkOptions.defaults()
                    .withKeepAlive(Duration.ofSeconds(2)).withTxAckPolicy(TxAckPolicy.fixed(TxAckError.TOO_LATE)));
            assertThat(downlink.awaitPullAck(Duration.ofSeconds(10))).isTrue();

            HttpResponse<String> invalid = post("/api/gateways/" + gatewayId + "/downlinks",
                    "{\"freq\":869.525,\"modu\":\"LORA\",\"datr\":\"SF9BW125\",\"codr\":\"4/5\",\"data\":\"YAECAw==\"}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("exactly one of imme=true, tmst or tmms");

            HttpResponse<String> queued = post("/api/gateways/" + gatewayId + "/downlinks",
                    "{\"imme\":true,\"freq\":869.525,\"rfch\":0,\"powe\":14,\"modu\":\"LORA\",\"datr\":\"SF9BW125\","
                            + "\"codr\":\"4/5\",\"ipol\":true,\"size\":4,\"data\":\"YAECAw==\"}");
            assertThat(queued.statusCode()).isEqualTo(202);
            String id = JsonMapper.builder().build().readTree(queued.body()).get("id").asString();

            List<ReceivedDownlink> received = downlink.awaitDownlinks(1, Duration.ofSeconds(30));
            assertThat(received).singleElement().satisfies(d -> {
                assertThat(d.txpk().payload()).containsExactly(0x60, 0x01, 0x02, 0x03);
                assertThat(d.txpk().immediate()).isTrue();
                assertThat(d.outcome()).isEqualTo("tx-ack:TOO_LATE");
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode result = api().get("/api/gateways/" + gatewayId + "/downlinks/" + id);
                assertThat(result.get("status").asString()).isEqualTo("TOO_LATE");
                assertThat(result.get("resultAt").isNull()).isFalse();
            });
            assertThat(gateway.isAlive()).isTrue();
        }
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return api().send("POST", path, json);
    }

    private static Map<String, Long> counters(JsonNode metrics, String prefix) {
        Map<String, Long> counters = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : metrics.properties()) {
            if (entry.getKey().startsWith(prefix) && entry.getValue().asDouble() > 0) {
                counters.put(entry.getKey().substring(prefix.length()), (long) entry.getValue().asDouble());
            }
        }
        return counters;
    }

    private List<JsonNode> readings(String gatewayId) throws Exception {
        return api().all("/api/gateways/" + gatewayId + "/readings?limit=1000");
    }

    private List<String> storedPayloads(String gatewayId) throws Exception {
        return readings(gatewayId).stream().map(r -> r.get("payload").asString()).toList();
    }
}
