package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.e2e.ota.TestReleases;
import fr.mutualis.fleet.e2e.ota.bundles.ThrowingActivator;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.Multipart;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
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
 * Issue 8 from end to end, nothing simulated but the concentrator: a real gateway process, enrolled
 * with mutual TLS, is updated by a campaign of the real fleet — the signed release uploaded through
 * the API, the order published by the campaign engine, the package downloaded from the fleet's
 * gateway port with the gateway's certificate, installed, health-checked and confirmed by the
 * gateway's birth. Then a bad release: installed, reverted by the gateway, and the campaign halts
 * with the gateway back on the good release.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReleaseCampaignEndToEndIT {

    private static final String COMMUNE = "35238";
    private static final String GATEWAY = "gw-campaign-e2e";
    private static final String FACTORY = "0.1.0.SNAPSHOT";
    private static KeyPair releaseKey;
    private static int tlsPort;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        TestFleet.withEmbeddedBroker(registry, "campaign-e2e");
        tlsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.tls-port", () -> tlsPort);
        registry.add("mutualis.broker.embedded.loopback-demo-gateways", () -> false);
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> false);
        registry.add("mutualis.pki.advertised-mqtt-url", () -> "ssl://localhost:" + tlsPort);
        releaseKey = ReleaseKeys.generate();
        Path keys = Files.createTempDirectory("mutualis-release-keys");
        Path key = Files.writeString(keys.resolve("release.pem"), ReleaseKeys.publicKeyPem(releaseKey.getPublic()));
        registry.add("mutualis.releases.trusted-keys", key::toString);
        registry.add("mutualis.releases.dir", () -> keys.resolve("store").toString());
        registry.add("mutualis.campaigns.tick-interval", () -> "500ms");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @TempDir
    Path work;

    private final JsonMapper json = JsonMapper.builder().build();
    private final TrafficGenerator traffic = new TrafficGenerator(7, 2, 8);
    private FleetApi api;
    private ConcentratorSimulator concentrator;

    @Test
    void aCampaignUpdatesARealGatewayAndABadReleaseIsRevertedAndHaltsTheNextCampaign() throws Exception {
        api = FleetApi.asAdmin(fleetContext, httpPort);
        api.send("POST", "/api/communes", "{\"code\":\"" + COMMUNE + "\",\"name\":\"Rennes\"}");
        HttpResponse<String> token = api.send("POST", "/api/enrolment-tokens", "{\"commune\":\"" + COMMUNE + "\"}");
        String invitation = json.readTree(token.body()).get("enrolmentUrl").asString();
        Path home = Files.createDirectories(work.resolve(GATEWAY));
        Files.writeString(home.resolve("release-public.pem"), ReleaseKeys.publicKeyPem(releaseKey.getPublic()));
        TestReleases releases = new TestReleases(GatewayProcess.RUNTIME.resolve("bundles"),
                Files.createDirectories(work.resolve("releases")));
        int udpPort = FreePorts.udp();
        GatewayProcess gateway = GatewayProcess.startEnrolling(home, invitation, GATEWAY, udpPort,
                "ota.release.key.file=release-public.pem", "ota.download.retry.seconds=1");
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                43L, Duration.ofSeconds(2), 3)) {
            concentrator = simulator;
            awaitReadingsFlow();
            await().atMost(Duration.ofSeconds(60)).until(() -> FACTORY.equals(release()));

            // A good release: uploaded signed, rolled out by a campaign, kept after its health window.
            TestReleases.Release good = releases.build("0.2.0", releaseKey.getPrivate(),
                    releases.withVersion("mutualis-ota-agent", "0.2.0"));
            assertThat(upload(good).statusCode()).isEqualTo(201);
            JsonNode completed = awaitCampaign(create("good", "0.2.0"),
                    c -> List.of("COMPLETED", "HALTED", "CANCELLED").contains(c.get("state").asString()));
            assertThat(completed.get("state").asString()).as(completed.toString()).isEqualTo("COMPLETED");
            assertThat(completed.at("/counts/succeeded").asLong()).isEqualTo(1);
            assertThat(release()).isEqualTo("0.2.0");
            List<String> steps = history(completed.get("id").asString());
            assertThat(steps).as("reported at each step").contains("DOWNLOADING", "VERIFYING", "INSTALLING", "HEALTH_CHECK",
                    "SUCCEEDED");
            assertThat(steps.indexOf("SUCCEEDED")).isGreaterThan(steps.indexOf("HEALTH_CHECK"));
            awaitReadingsFlow();

            // A bad release: a bundle that throws on activation. The gateway reverts; the campaign halts.
            TestReleases.Release bad = releases.build("0.3.0", releaseKey.getPrivate(),
                    releases.withVersion("mutualis-ota-agent", "0.3.0"),
                    releases.activatorBundle("fr.mutualis.test.throwing", ThrowingActivator.class));
            assertThat(upload(bad).statusCode()).isEqualTo(201);
            JsonNode halted = awaitCampaign(create("bad", "0.3.0"),
                    c -> List.of("COMPLETED", "HALTED", "CANCELLED").contains(c.get("state").asString())
                            && c.at("/counts/inProgress").asLong() == 0);
            assertThat(halted.get("state").asString()).as(halted.toString()).isEqualTo("HALTED");
            JsonNode progress = api.get("/api/campaigns/" + halted.get("id").asString() + "/gateways/" + GATEWAY);
            assertThat(progress.at("/progress/state").asString()).isEqualTo("REVERTED");
            assertThat(progress.at("/progress/reason").asString()).contains("fr.mutualis.test.throwing");
            await().atMost(Duration.ofSeconds(60)).until(() -> "0.2.0".equals(release()));
            awaitReadingsFlow();
        } finally {
            gateway.close();
            System.out.println("[campaign-e2e] gateway log:\n" + gateway.log().lines()
                    .filter(line -> line.contains("pdate") || line.contains("elease") || line.contains("ERROR"))
                    .limit(150).reduce("", (a, b) -> a + b + "\n"));
        }
    }

    private HttpResponse<String> upload(TestReleases.Release release) throws Exception {
        return new Multipart().file("package", "release-" + release.version() + ".dp", release.bytes())
                .text("signature", release.signature()).post(api, "/api/releases");
    }

    private String create(String name, String release) throws Exception {
        HttpResponse<String> created = api.send("POST", "/api/campaigns", """
                {"name":"%s","release":"%s","targets":{"communes":["%s"]},"canaries":["%s"],"waves":[100],
                 "healthWindowSeconds":5,"contactTimeoutSeconds":60,"waveTimeoutSeconds":300}
                """.formatted(name, release, COMMUNE, GATEWAY));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode campaign = json.readTree(created.body());
        assertThat(campaign.at("/counts/total").asLong()).as("the gateway is targeted").isEqualTo(1);
        return campaign.get("id").asString();
    }

    private JsonNode awaitCampaign(String id, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/campaigns/" + id), done::test);
    }

    private List<String> history(String campaign) throws Exception {
        JsonNode detail = api.get("/api/campaigns/" + campaign + "/gateways/" + GATEWAY);
        return detail.get("history").valueStream().map(event -> event.get("step").asString()).toList();
    }

    private String release() throws Exception {
        return api.gateway(GATEWAY).map(view -> view.path("release").asString()).orElse("");
    }

    private void awaitReadingsFlow() throws Exception {
        long before = api.gateway(GATEWAY).map(view -> view.get("readingCount").asLong()).orElse(0L);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            concentrator.push(List.of(traffic.next(Instant.now())));
            return api.gateway(GATEWAY).map(view -> view.get("readingCount").asLong() > before + 1).orElse(false);
        });
    }
}
