package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.SimulatedFrame;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Simulated concentrator → gateway agent (real process, real Felix, real bundles) → MQTT broker →
 * fleet server → PostgreSQL → REST API. Subclasses choose the broker.
 */
abstract class EndToEndScenario {

    private static final AtomicInteger GATEWAYS = new AtomicInteger();
    private static final String COMMUNE = "35238";
    private static final int KEEP_ALIVE_SECONDS = 4;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @TempDir
    Path work;

    abstract String brokerUrl();

    /** An independent subscriber to the gateways' uplink topic, where the broker allows one. */
    UpObserver observer() {
        return null;
    }

    private FleetApi api;

    private FleetApi api() {
        if (api == null) {
            api = FleetApi.asAdmin(fleetContext, httpPort);
        }
        return api;
    }

    private static String newGatewayId() {
        return "gw-e2e-" + ProcessHandle.current().pid() + "-" + GATEWAYS.incrementAndGet();
    }

    private void awaitStatus(String gatewayId, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> api().gatewayStatus(gatewayId), status::equals);
    }

    private List<JsonNode> readings(String gatewayId) throws Exception {
        return api().all("/api/gateways/" + gatewayId + "/readings?limit=1000");
    }

    /** What the test sent, and when: the gateway's receive time must fall inside [before, after]. */
    private record Sent(SimulatedFrame frame, Instant before, Instant after) {
    }

    private static List<Sent> push(ConcentratorSimulator simulator, TrafficGenerator traffic, int count)
            throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            SimulatedFrame frame = traffic.next(before);
            ConcentratorSimulator.PushResult result = simulator.push(List.of(frame));
            Instant after = Instant.now();
            assertThat(result.acknowledged()).as("PUSH_ACK for frame %d", i).isTrue();
            sent.add(new Sent(frame, before, after));
        }
        return sent;
    }

    /**
     * Sends each PUSH_DATA once and waits long for its PUSH_ACK: a resend after a late one would be
     * stored as a second reading, outside the gateway's dedupe window.
     */
    private static ConcentratorSimulator simulator(int udpPort) throws Exception {
        return new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort), 0x0016c001ff10a235L,
                Duration.ofSeconds(10), 1);
    }

    @Test
    void aReadingTravelsFromTheConcentratorToTheApiWithItsPayloadAndReceiveTimeUnchanged() throws Exception {
        String gatewayId = newGatewayId();
        int udpPort = FreePorts.udp();
        UpObserver observer = observer();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, COMMUNE, brokerUrl(),
                udpPort, KEEP_ALIVE_SECONDS);
             ConcentratorSimulator simulator = simulator(udpPort)) {
            awaitStatus(gatewayId, "ONLINE", Duration.ofSeconds(60));
            api().awaitIngestListening(gatewayId);

            List<Sent> sent = push(simulator, new TrafficGenerator(42, 5, 12), 20);

            await().atMost(Duration.ofSeconds(30)).until(() -> readings(gatewayId).size() == sent.size());
            List<JsonNode> stored = readings(gatewayId);
            for (int i = 0; i < sent.size(); i++) {
                Sent expected = sent.get(i);
                JsonNode reading = stored.get(i);
                assertThat(reading.get("seq").asLong()).isEqualTo(i + 1);
                assertThat(Base64.getDecoder().decode(reading.get("payload").asString()))
                        .isEqualTo(expected.frame().phyPayload());
                Instant receivedAt = Instant.parse(reading.get("receivedAt").asString());
                assertThat(receivedAt).isBetween(expected.before(), expected.after());
                assertThat(reading.at("/radio/gatewayTime").asString())
                        .isEqualTo(expected.frame().time().toString());
                assertThat(reading.at("/radio/frequencyHz").asLong())
                        .isEqualTo(Math.round(expected.frame().frequencyMHz() * 1_000_000));
                assertThat(reading.get("late").asBoolean()).isFalse();
            }
            if (observer != null) {
                // Byte for byte and microsecond for microsecond what the gateway published. The observer
                // is a subscriber of its own: it may get the readings after the fleet has stored them.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> observer.readingsOf(gatewayId).size() >= sent.size());
                Map<Long, UpObserver.Published> published = observer.readingsOf(gatewayId);
                assertThat(published).hasSize(sent.size());
                for (JsonNode reading : stored) {
                    UpObserver.Published onTheWire = published.get(reading.get("seq").asLong());
                    assertThat(reading.get("receivedAt").asString()).isEqualTo(onTheWire.receivedAt());
                    assertThat(reading.get("payload").asString()).isEqualTo(onTheWire.payloadBase64());
                }
            }
            JsonNode view = api().gateway(gatewayId).orElseThrow();
            assertThat(view.get("readingCount").asLong()).isEqualTo(sent.size());
            assertThat(view.get("commune").asString()).isEqualTo(COMMUNE);
        }
    }

    @Test
    void aKilledGatewayIsMarkedOfflineByItsLastWillAndComesBackOnlineWhenRestarted() throws Exception {
        String gatewayId = newGatewayId();
        int udpPort = FreePorts.udp();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, COMMUNE, brokerUrl(),
                udpPort, KEEP_ALIVE_SECONDS);
             ConcentratorSimulator simulator = simulator(udpPort)) {
            TrafficGenerator traffic = new TrafficGenerator(7, 3, 8);
            awaitStatus(gatewayId, "ONLINE", Duration.ofSeconds(60));
            api().awaitIngestListening(gatewayId);
            push(simulator, traffic, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> readings(gatewayId).size() == 5);

            long killedAt = System.nanoTime();
            gateway.kill();
            // The broker publishes the last will after 1.5 keep-alives of silence; allow generous slack.
            awaitStatus(gatewayId, "OFFLINE", Duration.ofSeconds(KEEP_ALIVE_SECONDS * 3L / 2 + 20));
            long offlineAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("[e2e] %s: SIGKILL -> OFFLINE seen by the API after %d ms (keep-alive %d s)%n",
                    brokerUrl(), offlineAfterMillis, KEEP_ALIVE_SECONDS);
            assertThat(api().gateway(gatewayId).orElseThrow().get("statusReason").asString())
                    .isEqualTo("connection-lost");

            gateway.start();
            awaitStatus(gatewayId, "ONLINE", Duration.ofSeconds(60));
            api().awaitIngestListening(gatewayId);
            push(simulator, traffic, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> readings(gatewayId).size() == 10);

            List<Long> seqs = readings(gatewayId).stream().map(r -> r.get("seq").asLong()).toList();
            assertThat(seqs).as("sequence numbers survive the kill and are never reused")
                    .doesNotHaveDuplicates().isSorted();
            assertThat(seqs.subList(5, 10)).allSatisfy(seq -> assertThat(seq).isGreaterThan(seqs.get(4)));
            JsonNode coverage = api().get("/api/gateways/" + gatewayId + "/readings/coverage");
            assertThat(coverage.get("missing")).as("no gap in the numbering").isEmpty();
        }
    }

    @Test
    void sigtermShutsTheGatewayDownCleanlyAndItSaysSo() throws Exception {
        String gatewayId = newGatewayId();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, COMMUNE, brokerUrl(),
                FreePorts.udp(), KEEP_ALIVE_SECONDS)) {
            awaitStatus(gatewayId, "ONLINE", Duration.ofSeconds(60));

            int exitCode = gateway.terminate(Duration.ofSeconds(30));

            assertThat(exitCode).as("JVM exit after SIGTERM and shutdown hooks").isEqualTo(143);
            awaitStatus(gatewayId, "OFFLINE", Duration.ofSeconds(10));
            assertThat(api().gateway(gatewayId).orElseThrow().get("statusReason").asString()).isEqualTo("shutdown");
            assertThat(gateway.log()).doesNotContain("Exception");
        }
    }

    @Test
    void malformedDatagramsAreCountedAndDoNotStopTheGateway() throws Exception {
        String gatewayId = newGatewayId();
        int udpPort = FreePorts.udp();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, COMMUNE, brokerUrl(),
                udpPort, KEEP_ALIVE_SECONDS);
             ConcentratorSimulator simulator = simulator(udpPort)) {
            awaitStatus(gatewayId, "ONLINE", Duration.ofSeconds(60));
            api().awaitIngestListening(gatewayId);

            simulator.sendRaw(new byte[] {2, 0});                                   // too short
            simulator.sendRaw(new byte[] {7, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});     // unknown version
            byte[] badJson = "............{not json".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            badJson[0] = 2;
            badJson[3] = 0;
            simulator.sendRaw(badJson);
            push(simulator, new TrafficGenerator(3, 1, 4), 1);

            await().atMost(Duration.ofSeconds(30)).until(() -> readings(gatewayId).size() == 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode metrics = api().get("/api/gateways/" + gatewayId).at("/lastHealth/metrics");
                assertThat(metrics.path("ingest.gwmp.rejected.too-short").asDouble()).isEqualTo(1.0);
                assertThat(metrics.path("ingest.gwmp.rejected.unknown-version").asDouble()).isEqualTo(1.0);
                assertThat(metrics.path("ingest.gwmp.rejected.bad-json").asDouble()).isEqualTo(1.0);
                assertThat(metrics.path("ingest.gwmp.frames.accepted").asDouble()).isEqualTo(1.0);
            });
            assertThat(gateway.isAlive()).isTrue();
        }
    }
}
