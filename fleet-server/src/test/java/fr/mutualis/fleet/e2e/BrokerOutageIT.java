package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.SimulatedFrame;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import fr.mutualis.hardware.simulator.downlink.DownlinkEndpoint;
import fr.mutualis.hardware.simulator.downlink.DownlinkOptions;
import fr.mutualis.hardware.simulator.downlink.ReceivedDownlink;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Broker outages against a real Mosquitto: a long outage at a high rate, then a hundred broker
 * restarts. Nothing acknowledged to the concentrator may be lost, per-device order must hold,
 * replayed readings must be flagged late, and the uplink must never stay stuck.
 *
 * <p>Mosquitto runs with persistence on and is stopped cleanly: the fleet's own session (its
 * subscription, and what is queued for it) must survive a broker restart, as it must in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerOutageIT {

    private static MosquittoBroker mosquitto;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        mosquitto = MosquittoBroker.startForFleet(registry, "outage");
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path work;

    private record StoredReading(long seq, Instant receivedAt, boolean late, byte[] payload) {
        int devAddr() {
            return (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8 | (payload[3] & 0xFF) << 16 | (payload[4] & 0xFF) << 24;
        }

        int frameCounter() {
            return (payload[6] & 0xFF) | (payload[7] & 0xFF) << 8;
        }
    }

    private List<StoredReading> stored(String gatewayId) {
        return jdbc.sql("SELECT seq, received_at, late, payload FROM reading WHERE gateway_id = :id ORDER BY seq")
                .param("id", gatewayId)
                .query((rs, row) -> new StoredReading(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBoolean(3), rs.getBytes(4)))
                .list();
    }

    private Set<String> storedPayloads(String gatewayId) {
        Set<String> payloads = new HashSet<>();
        stored(gatewayId).forEach(r -> payloads.add(Base64.getEncoder().encodeToString(r.payload())));
        return payloads;
    }

    private static long segmentBytes(Path journal) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(journal)) {
            return files.filter(f -> f.toString().endsWith(".seg")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * Sends each PUSH_DATA once and waits long for its PUSH_ACK: a resend after a late one would be
     * stored as a second reading, outside the gateway's dedupe window.
     */
    private static ConcentratorSimulator concentrator(int udpPort, long gatewayEui) throws java.io.IOException {
        return new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort), gatewayEui,
                Duration.ofSeconds(10), 1);
    }

    /** Pushes {@code pushes} PUSH_DATA of {@code framesPerPush} frames; returns the acknowledged payloads. */
    private static Set<String> push(ConcentratorSimulator simulator, TrafficGenerator traffic, int pushes,
                                    int framesPerPush, long pauseMillis) throws Exception {
        Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < pushes; i++) {
            List<SimulatedFrame> frames = new ArrayList<>();
            for (int f = 0; f < framesPerPush; f++) {
                frames.add(traffic.next(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            }
            if (simulator.push(frames).acknowledged()) {
                frames.forEach(frame -> acknowledged.add(Base64.getEncoder().encodeToString(frame.phyPayload())));
            }
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        return acknowledged;
    }

    @Test
    void aLongOutageAtAHighRateLosesNothingKeepsDeviceOrderAndFlagsReplayedReadingsLate() throws Exception {
        String gatewayId = "gw-outage-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        int outagePushes = Integer.getInteger("mutualis.outage.pushes", 500);
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238", mosquitto.url(),
                udpPort, 5);
             ConcentratorSimulator simulator = concentrator(udpPort, 7L)) {
            TrafficGenerator traffic = new TrafficGenerator(2026, 40, 12);
            await().atMost(Duration.ofSeconds(60)).until(() -> "ONLINE".equals(api.gatewayStatus(gatewayId)));
            api.awaitIngestListening(gatewayId);
            Set<String> acknowledged = new HashSet<>(push(simulator, traffic, 20, 5, 10));

            mosquitto.stop();
            Instant outageStart = Instant.now();
            long started = System.nanoTime();
            acknowledged.addAll(push(simulator, traffic, outagePushes, 20, 0));
            double acceptRate = acknowledged.size() / ((System.nanoTime() - started) / 1e9);
            Instant outageEnd = Instant.now();
            mosquitto.start();
            long reconnected = System.nanoTime();
            // Once the replay has begun the gateway is connected again and in drain mode: what is
            // accepted from then on is live, whether or not the backlog is still being sent. The sign
            // is a reading taken during the outage reaching the fleet: only the gateway's new
            // connection brings one, whereas the fleet's own session may still deliver older ones.
            await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.sql(
                            "SELECT EXISTS (SELECT 1 FROM reading WHERE gateway_id = :id AND received_at >= :since)")
                    .param("id", gatewayId).param("since", OffsetDateTime.ofInstant(outageStart, ZoneOffset.UTC))
                    .query(Boolean.class).single());
            Set<String> live = push(simulator, traffic, 300, 1, 10);
            acknowledged.addAll(live);

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> storedPayloads(gatewayId).containsAll(acknowledged));
            double drainSeconds = (System.nanoTime() - reconnected) / 1e9;

            List<StoredReading> stored = stored(gatewayId);
            assertThat(api.get("/api/gateways/" + gatewayId + "/readings/coverage").get("missing")).isEmpty();
            Map<Integer, List<StoredReading>> byDevice = new HashMap<>();
            stored.forEach(r -> byDevice.computeIfAbsent(r.devAddr(), d -> new ArrayList<>()).add(r));
            for (List<StoredReading> device : byDevice.values()) {
                for (int i = 1; i < device.size(); i++) {
                    assertThat(device.get(i).frameCounter()).as("per-device order").isGreaterThan(device.get(i - 1).frameCounter());
                    assertThat(device.get(i).receivedAt()).isAfterOrEqualTo(device.get(i - 1).receivedAt());
                }
            }
            List<StoredReading> duringOutage = stored.stream()
                    .filter(r -> !r.receivedAt().isBefore(outageStart) && r.receivedAt().isBefore(outageEnd)).toList();
            assertThat(duringOutage).hasSizeGreaterThanOrEqualTo(outagePushes * 20 - 20);
            assertThat(duringOutage).as("replayed readings are flagged late").allMatch(StoredReading::late);
            Set<String> livePayloads = live;
            long liveNotLate = stored.stream()
                    .filter(r -> livePayloads.contains(Base64.getEncoder().encodeToString(r.payload())))
                    .filter(r -> !r.late()).count();
            System.out.printf("[outage] %d readings accepted during a broker outage (%.0f/s), %d stored after "
                            + "reconnection in %.1f s, %d of %d live readings sent after reconnection not late, %d devices in order%n",
                    duringOutage.size(), acceptRate, stored.size(), drainSeconds, liveNotLate, live.size(), byDevice.size());
            assertThat(liveNotLate).as("live readings are not flagged late").isEqualTo(live.size());
            assertThat(gateway.isAlive()).isTrue();
        }
    }

    @Test
    void aDownlinkQueuedWhileTheBrokerIsDownIsPublishedWhenItReturnsAndTransmittedOnce() throws Exception {
        String gatewayId = "gw-downlink-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238", mosquitto.url(),
                udpPort, 5);
             ConcentratorSimulator simulator = concentrator(udpPort, 9L)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "ONLINE".equals(api.gatewayStatus(gatewayId)));
            api.awaitIngestListening(gatewayId);
            DownlinkEndpoint downlink = simulator.startDownlink(DownlinkOptions.defaults().withKeepAlive(Duration.ofSeconds(2)));
            assertThat(downlink.awaitPullAck(Duration.ofSeconds(10))).isTrue();

            mosquitto.stop();
            HttpResponse<String> queued = api.send("POST", "/api/gateways/" + gatewayId + "/downlinks",
                    "{\"imme\":true,\"freq\":869.525,\"rfch\":0,\"powe\":14,\"modu\":\"LORA\",\"datr\":\"SF9BW125\","
                            + "\"codr\":\"4/5\",\"ipol\":true,\"size\":4,\"data\":\"YAECAw==\"}");
            assertThat(queued.statusCode()).isEqualTo(202);
            JsonNode accepted = JsonMapper.builder().build().readTree(queued.body());
            assertThat(accepted.get("status").asString()).as("the broker is down: kept for later").isEqualTo("QUEUED");
            String id = accepted.get("id").asString();
            mosquitto.start();

            // Published again by the fleet once the broker is back, transmitted, and its result recorded.
            List<ReceivedDownlink> received = downlink.awaitDownlinks(1, Duration.ofSeconds(90));
            assertThat(received).singleElement()
                    .satisfies(d -> assertThat(d.txpk().payload()).containsExactly(0x60, 0x01, 0x02, 0x03));
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> api.get("/api/gateways/" + gatewayId + "/downlinks/" + id).get("status").asString(), "NONE"::equals);
            // Two more republication rounds: nothing is sent twice.
            await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(20))
                    .until(() -> downlink.receivedDownlinks().size() == 1);
            JsonNode metrics = api.get("/api/gateways/" + gatewayId).at("/lastHealth/metrics");
            System.out.printf("[outage] a downlink queued during a broker outage: transmitted once, %s duplicate deliveries "
                    + "dropped by the gateway%n", metrics.path("uplink.downlinks.duplicates").asText("?"));
        }
    }

    @Test
    void anOverflowingBudgetDropsTheOldestReadingsCountsEveryDropAndReportsItToTheFleet() throws Exception {
        String gatewayId = "gw-budget-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        // 1 MiB of journal in 64 KiB segments; about 100 bytes per reading: 25,000 readings overflow it.
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238", mosquitto.url(),
                udpPort, 5, "store.max.mib=1", "store.segment.kib=64");
             ConcentratorSimulator simulator = concentrator(udpPort, 10L)) {
            TrafficGenerator traffic = new TrafficGenerator(31, 20, 12);
            await().atMost(Duration.ofSeconds(60)).until(() -> "ONLINE".equals(api.gatewayStatus(gatewayId)));
            api.awaitIngestListening(gatewayId);
            mosquitto.stop();
            Set<String> acknowledged = push(simulator, traffic, 500, 50, 0);
            // The capacity policy runs every 10 s: wait until the journal is back within its budget.
            Path journal = work.resolve(gatewayId).resolve("data").resolve("journal").resolve(gatewayId);
            await().atMost(Duration.ofSeconds(60)).until(() -> segmentBytes(journal) <= (1 << 20) + (64 << 10));
            mosquitto.start();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode metrics = api.get("/api/gateways/" + gatewayId).at("/lastHealth/metrics");
                assertThat(metrics.path("store.dropped.normal.capacity").asDouble()).isPositive();
                assertThat(metrics.path("store.lane.normal.depth").asDouble()).isZero();
            });
            JsonNode metrics = api.get("/api/gateways/" + gatewayId).at("/lastHealth/metrics");
            long dropped = (long) metrics.path("store.dropped.normal.capacity").asDouble();
            JsonNode coverage = api.get("/api/gateways/" + gatewayId + "/readings/coverage");
            long missing = 0;
            for (JsonNode range : coverage.get("missing")) {
                missing += range.get("to").asLong() - range.get("from").asLong() + 1;
            }
            List<StoredReading> stored = stored(gatewayId);
            System.out.printf("[budget] %d readings accepted into a 1 MiB journal during an outage: %d dropped by the "
                            + "capacity policy (reported in health), %d delivered, %d missing at the fleet%n",
                    acknowledged.size(), dropped, stored.size(), missing);
            assertThat(missing).as("every hole at the fleet is a counted drop").isEqualTo(dropped);
            assertThat(stored.size() + dropped).as("nothing else lost").isEqualTo(acknowledged.size());
            assertThat(coverage.get("missing").get(0).get("from").asLong()).as("the oldest were dropped").isEqualTo(1);
            assertThat(stored.get(stored.size() - 1).seq()).as("the newest were kept").isEqualTo(acknowledged.size());
        }
    }

    @Test
    void aHundredBrokerRestartsNeverLeaveTheUplinkStuck() throws Exception {
        String gatewayId = "gw-restarts-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        int restarts = Integer.getInteger("mutualis.outage.restarts", 100);
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        Random random = new Random(11);
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238", mosquitto.url(),
                udpPort, 5);
             ConcentratorSimulator simulator = concentrator(udpPort, 8L)) {
            TrafficGenerator traffic = new TrafficGenerator(7, 5, 8);
            await().atMost(Duration.ofSeconds(60)).until(() -> "ONLINE".equals(api.gatewayStatus(gatewayId)));
            api.awaitIngestListening(gatewayId);
            Set<String> acknowledged = new HashSet<>();
            long slowest = 0;
            for (int restart = 1; restart <= restarts; restart++) {
                mosquitto.stop();
                acknowledged.addAll(push(simulator, traffic, 2, 1, 0));
                Thread.sleep(random.nextInt(400));
                mosquitto.start();
                long restartedAt = System.nanoTime();
                Set<String> afterRestart = push(simulator, traffic, 1, 1, 0);
                acknowledged.addAll(afterRestart);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> storedPayloads(gatewayId).containsAll(afterRestart));
                slowest = Math.max(slowest, (System.nanoTime() - restartedAt) / 1_000_000);
                if (restart % 20 == 0) {
                    System.out.printf("[outage] %d broker restarts, slowest recovery so far %d ms%n", restart, slowest);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> storedPayloads(gatewayId).containsAll(acknowledged));
            assertThat(api.get("/api/gateways/" + gatewayId + "/readings/coverage").get("missing")).isEmpty();
            System.out.printf("[outage] %d broker restarts: %d readings acknowledged, all stored; slowest recovery %d ms%n",
                    restarts, acknowledged.size(), slowest);
        }
    }
}
