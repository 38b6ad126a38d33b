package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Topics;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.fleet.e2e.ota.PackageServer;
import fr.mutualis.fleet.e2e.ota.TestReleases;
import fr.mutualis.fleet.e2e.ota.bundles.ThrowingActivator;
import fr.mutualis.fleet.e2e.ota.bundles.UplinkBreakingActivator;
import fr.mutualis.fleet.mqtt.GatewayMessageRouter;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acceptance point 1 of issue 8, on a real gateway process (the assembled distribution) enrolled
 * with a real fleet: every fault in an over-the-air update ends on a gateway that runs the last good
 * release, says so in its birth message, reports the outcome with its reason, and keeps delivering
 * readings. Packages come from an HTTPS server of the test (the fleet's CA, client certificates
 * required, Range support, fault injection); the order is published retained on the gateway's
 * {@code update} topic through the fleet's own MQTT client, and statuses are read as the fleet
 * receives them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OtaFaultMatrixIT {

    private static final String COMMUNE = "35238";
    private static final String GATEWAY = "gw-ota-matrix";
    private static final String FACTORY = "0.1.0.SNAPSHOT";
    private static final Duration FINAL_STEP = Duration.ofMinutes(3);
    private static int tlsPort;

    /** A message as the fleet received it. */
    private record Received(String topic, JsonNode body) {
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @Autowired
    GatewayMessageSubscriber fleetMqtt;

    @MockitoSpyBean
    GatewayMessageRouter router;

    @TempDir
    Path work;

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private FleetApi api;
    private ConcentratorSimulator concentrator;
    private final TrafficGenerator traffic = new TrafficGenerator(42, 2, 8);

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        TestFleet.withEmbeddedBroker(registry, "ota-matrix");
        tlsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.tls-port", () -> tlsPort);
        registry.add("mutualis.broker.embedded.loopback-demo-gateways", () -> false);
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> false);
        registry.add("mutualis.pki.advertised-mqtt-url", () -> "ssl://localhost:" + tlsPort);
    }

    @BeforeEach
    void recordWhatTheFleetReceives() {
        doAnswer(invocation -> {
            String topic = invocation.getArgument(0);
            byte[] payload = invocation.getArgument(1);
            if (payload.length > 0) {
                received.add(new Received(topic, json.readTree(payload)));
            }
            return invocation.callRealMethod();
        }).when(router).route(anyString(), any());
    }

    @Test
    void everyFaultEndsOnTheLastGoodReleaseReportedAndAGoodReleaseResumesItsDownloadAndInstalls() throws Exception {
        api = FleetApi.asAdmin(fleetContext, httpPort);
        api.send("POST", "/api/communes", "{\"code\":\"" + COMMUNE + "\",\"name\":\"Rennes\"}");
        var created = api.send("POST", "/api/enrolment-tokens", "{\"commune\":\"" + COMMUNE + "\"}");
        String invitation = json.readTree(created.body()).get("enrolmentUrl").asString();
        var releaseKey = ReleaseKeys.generate();
        var strangerKey = ReleaseKeys.generate();
        Path home = Files.createDirectories(work.resolve(GATEWAY));
        Files.writeString(home.resolve("release-public.pem"), ReleaseKeys.publicKeyPem(releaseKey.getPublic()));
        int udpPort = FreePorts.udp();
        TestReleases releases = new TestReleases(GatewayProcess.RUNTIME.resolve("bundles"), Files.createDirectories(work.resolve("releases")));
        GatewayProcess gateway = GatewayProcess.startEnrolling(home, invitation, GATEWAY, udpPort,
                "ota.release.key.file=release-public.pem", "ota.download.retry.seconds=1", "ota.download.stall.seconds=5");
        try (PackageServer server = new PackageServer(fleetContext.getBean(CertificateAuthority.class));
             ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                     41L, Duration.ofSeconds(2), 3)) {
            concentrator = simulator;
            awaitReadingsFlow();
            assertThat(awaitBirth(FACTORY).get("release").asString()).as("the factory release, announced").isEqualTo(FACTORY);

            // 1. Corrupted on the way: the digest does not match, nothing installed.
            TestReleases.Release good = releases.build("0.2.0", releaseKey.getPrivate(),
                    releases.withVersion("mutualis-ota-agent", "0.2.0"));
            order("c1-corrupt", good, server.add("corrupt.dp", good.bytes(), new PackageServer.Corrupt()), 5, 15);
            assertThat(awaitFinal("c1-corrupt", "REFUSED").get("reason").asString()).startsWith("corrupted download: SHA-256 is");
            assertStillRunning(FACTORY);

            // 2. Signed by someone else's key.
            TestReleases.Release forged = releases.build("0.2.0", strangerKey.getPrivate());
            order("c2-forged", forged, server.add("forged.dp", forged.bytes(), new PackageServer.None()), 5, 15);
            assertThat(awaitFinal("c2-forged", "REFUSED").get("reason").asString()).startsWith("bad signature");
            assertStillRunning(FACTORY);

            // 3. Older than what runs: refused before a byte is downloaded.
            TestReleases.Release older = releases.build("0.0.9", releaseKey.getPrivate());
            order("c3-older", older, server.add("older.dp", older.bytes(), new PackageServer.None()), 5, 15);
            assertThat(awaitFinal("c3-older", "REFUSED").get("reason").asString())
                    .contains("release 0.0.9 is older than the running release " + FACTORY).contains("anti-rollback");
            assertThat(server.served("older.dp")).isEmpty();
            assertStillRunning(FACTORY);

            // 4. A bundle that throws on activation: installed, found unhealthy on trial, reverted.
            TestReleases.Release throwing = releases.build("0.2.1", releaseKey.getPrivate(),
                    releases.activatorBundle("fr.mutualis.test.throwing", ThrowingActivator.class));
            order("c4-throwing", throwing, server.add("throwing.dp", throwing.bytes(), new PackageServer.None()), 5, 15);
            assertThat(awaitFinal("c4-throwing", "REVERTED").get("reason").asString())
                    .contains("bundle fr.mutualis.test.throwing 1.0.0 is not active");
            assertThat(steps("c4-throwing")).contains("DOWNLOADING", "VERIFYING", "INSTALLING", "HEALTH_CHECK");
            assertStillRunning(FACTORY);

            // 5. A bundle that starts but takes the uplink down: no contact, reverted (dead-man switch).
            TestReleases.Release breaking = releases.build("0.2.2", releaseKey.getPrivate(),
                    releases.activatorBundle("fr.mutualis.test.uplinkbreaker", UplinkBreakingActivator.class));
            order("c5-uplink", breaking, server.add("breaking.dp", breaking.bytes(), new PackageServer.None()), 5, 15);
            assertThat(awaitFinal("c5-uplink", "REVERTED").get("reason").asString())
                    .contains("unhealthy for 15 s").contains("fr.mutualis.uplink.mqtt");
            assertStillRunning(FACTORY);

            // 6. SIGKILL while the new release is installed and on trial: the launcher reverts at the next start.
            TestReleases.Release killed = releases.build("0.2.3", releaseKey.getPrivate());
            order("c6-sigkill", killed, server.add("killed.dp", killed.bytes(), new PackageServer.None()), 600, 600);
            await().atMost(FINAL_STEP).until(() -> steps("c6-sigkill").contains("HEALTH_CHECK"));
            gateway.kill();
            gateway.start();
            assertThat(awaitFinal("c6-sigkill", "REVERTED").get("reason").asString())
                    .contains("restarted before release 0.2.3 passed its health check");
            assertStillRunning(FACTORY);

            // Withdrawn by the fleet while downloading (slowly, under a bandwidth cap): stopped, nothing installed.
            TestReleases.Release withdrawn = releases.build("0.2.4", releaseKey.getPrivate());
            order("c6b-withdrawn", withdrawn, server.add("withdrawn.dp", withdrawn.bytes(), new PackageServer.None()), 5, 15,
                    256 * 1024);
            await().atMost(FINAL_STEP).until(() -> statuses("c6b-withdrawn").stream()
                    .anyMatch(s -> s.path("percent").asInt() >= 10));
            fleetMqtt.publish(Topics.topic(COMMUNE, GATEWAY, Channel.UPDATE), new byte[0], true);
            assertThat(awaitFinal("c6b-withdrawn", "FAILED").get("reason").asString())
                    .isEqualTo("the fleet withdrew or replaced the order before installation");
            assertThat(home.resolve("data/ota/download/" + withdrawn.sha256() + ".part")).as("partial download removed")
                    .doesNotExist();
            assertStillRunning(FACTORY);

            // 7. The good release, its connection cut at 40 %: resumed with Range, installed, kept —
            //    the update agent's own bundle included.
            long cutAt = good.bytes().length * 2L / 5;
            order("c7-good", good, server.add("good.dp", good.bytes(), new PackageServer.CutOnce(cutAt)), 5, 60);
            JsonNode succeeded = awaitFinal("c7-good", "SUCCEEDED");
            assertThat(succeeded.get("runningRelease").asString()).isEqualTo("0.2.0");
            List<PackageServer.Served> requests = server.served("good.dp");
            assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
            assertThat(requests.get(0).from()).isZero();
            assertThat(requests.get(0).bytesSent()).isEqualTo(cutAt);
            assertThat(requests.get(1).from()).as("resumed, not restarted from zero").isGreaterThan(0);
            assertThat(requests.stream().mapToLong(PackageServer.Served::bytesSent).sum())
                    .as("bytes served in all: about one package, not two").isLessThan(good.bytes().length + cutAt / 2);
            assertThat(requests.get(0).clientSubject()).as("downloaded with the gateway's own certificate").contains(GATEWAY);
            JsonNode birth = awaitBirth("0.2.0");
            assertThat(birth.at("/software/fr.mutualis.ota.agent").asString()).as("the agent updated itself").isEqualTo("0.2.0");
            awaitReadingsFlow();

            // The same order again (every reconnection) does not restart a finished update.
            int statusesBefore = statuses("c7-good").size();
            order("c7-good", good, server.add("good.dp", good.bytes(), new PackageServer.None()), 5, 60);
            awaitReadingsFlow();
            assertThat(statuses("c7-good")).hasSize(statusesBefore);
        } finally {
            gateway.close();
            System.out.println("[ota-matrix] gateway log:\n" + gateway.log().lines()
                    .filter(line -> line.contains("pdate") || line.contains("elease") || line.contains("ERROR")
                            || line.contains("mutualis-gateway:"))
                    .limit(200).reduce("", (a, b) -> a + b + "\n"));
        }
    }

    private void order(String campaign, TestReleases.Release release, String url, int healthWindow, int contactTimeout)
            throws Exception {
        order(campaign, release, url, healthWindow, contactTimeout, 4L << 20);
    }

    private void order(String campaign, TestReleases.Release release, String url, int healthWindow, int contactTimeout,
                       long maxBytesPerSecond) throws Exception {
        UpdateOrder order = new UpdateOrder(UpdateOrder.VERSION, GATEWAY, COMMUNE, campaign, release.version(), url,
                release.sha256(), release.bytes().length, release.signature(), false, healthWindow, contactTimeout,
                maxBytesPerSecond, Instant.now());
        fleetMqtt.publish(Topics.topic(COMMUNE, GATEWAY, Channel.UPDATE), json.writeValueAsBytes(order), true);
    }

    private List<JsonNode> statuses(String campaign) {
        return received.stream().filter(m -> m.topic().endsWith("/" + Channel.UPDATE_STATE.topicLevel()))
                .map(Received::body).filter(b -> campaign.equals(b.get("campaign").asString())).toList();
    }

    private List<String> steps(String campaign) {
        return statuses(campaign).stream().map(s -> s.get("step").asString()).toList();
    }

    private JsonNode awaitFinal(String campaign, String expectedStep) {
        JsonNode last = await().atMost(FINAL_STEP).pollInterval(Duration.ofMillis(500)).until(
                () -> statuses(campaign).stream().filter(s -> List.of("SUCCEEDED", "REFUSED", "FAILED", "REVERTED")
                        .contains(s.get("step").asString())).reduce((a, b) -> b).orElse(null), s -> s != null);
        assertThat(last.get("step").asString()).as("final step of " + campaign + ": " + last).isEqualTo(expectedStep);
        return last;
    }

    /** The latest birth announces {@code release}, and readings still arrive. */
    private void assertStillRunning(String release) throws Exception {
        awaitBirth(release);
        awaitReadingsFlow();
    }

    private JsonNode awaitBirth(String release) {
        return await().atMost(FINAL_STEP).pollInterval(Duration.ofMillis(300)).until(() -> received.stream()
                .filter(m -> m.topic().endsWith("/" + Channel.STATE.topicLevel()))
                .map(Received::body).filter(b -> "ONLINE".equals(b.get("status").asString()))
                .reduce((a, b) -> b).orElse(null), b -> b != null && release.equals(b.path("release").asString()));
    }

    private void awaitReadingsFlow() throws Exception {
        long before = api.gateway(GATEWAY).map(view -> view.get("readingCount").asLong()).orElse(0L);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            concentrator.push(List.of(traffic.next(Instant.now())));
            return api.gateway(GATEWAY).map(view -> view.get("readingCount").asLong() > before + 1).orElse(false);
        });
    }
}
