package fr.mutualis.fleet.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.commune.Commune;
import fr.mutualis.fleet.commune.CommuneDirectory;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.account.Role;
import fr.mutualis.fleet.mqtt.BrokerTls;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.GatewayIssuance;
import fr.mutualis.fleet.pki.GatewayRevocation;
import fr.mutualis.fleet.pki.Pem;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.gateway.enrolment.CertificateRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.contract.UpdateStatus.Step;
import org.springframework.beans.factory.annotation.Value;
import fr.mutualis.fleet.testsupport.Multipart;
import fr.mutualis.fleet.testsupport.ReleasePackages;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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
 * Campaigns over 60 gateways speaking the real update contract on the embedded broker (loopback
 * demo mode), in two communes. A bad release: the canaries revert, the campaign halts after the
 * canary wave and no later wave ever receives an order. A good release: every wave completes —
 * a pause holds the next wave back and a resume lets it go, gateways offline during their wave
 * get the retained order on return — and each gateway's history is complete. A cancel withdraws
 * the orders not yet started. At every poll, the counts add up overall and per wave.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignIT {

    private static final String RENNES = "35238";
    private static final String BREST = "29019";
    private static final int GATEWAYS = 60;
    private static final String RUNNING = "1.0.0";
    private static final String BAD = "2.0.0";
    private static final String GOOD = "1.1.0";
    private static final List<String> CANARIES = List.of("gw-camp-000", "gw-camp-031", "gw-camp-059");
    private static final KeyPair RELEASE_KEY = ReleasePackages.releaseKey();
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "campaigns");
        Path keys = Files.createTempDirectory("mutualis-release-keys");
        Path key = Files.writeString(keys.resolve("release.pem"), ReleasePackages.publicKeyPem(RELEASE_KEY.getPublic()));
        registry.add("mutualis.releases.trusted-keys", key::toString);
        registry.add("mutualis.releases.dir", () -> keys.resolve("store").toString());
        registry.add("mutualis.campaigns.tick-interval", () -> "300ms");
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    ApplicationContext fleetContext;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommuneDirectory communes;
    @Autowired
    GatewayIssuance issuance;
    @Autowired
    GatewayRevocation revocation;
    @Autowired
    CertificateAuthority authority;
    @Value("${mutualis.pki.https-port}")
    int httpsPort;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService work = Executors.newFixedThreadPool(8);
    private final List<UpdatingFakeGateway> gateways = new ArrayList<>();
    private FleetApi api;

    @BeforeAll
    void fleetOfSixty() throws Exception {
        api = FleetApi.asAdmin(fleetContext, httpPort);
        communes.create(Actor.ANONYMOUS, new Commune(RENNES, "Rennes", 48.11, -1.68));
        communes.create(Actor.ANONYMOUS, new Commune(BREST, "Brest", 48.39, -4.49));
        for (int i = 0; i < GATEWAYS; i++) {
            gateways.add(new UpdatingFakeGateway(brokerUrl, "gw-camp-%03d".formatted(i), i < 30 ? RENNES : BREST,
                    RUNNING, Set.of(BAD), work));
        }
        connect(gateways);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM gateway WHERE release = :release").param("release", RUNNING)
                .query(Long.class).single() == GATEWAYS);
    }

    @AfterAll
    void shutdown() {
        for (UpdatingFakeGateway gateway : gateways) {
            if (gateway.connected()) {
                try {
                    gateway.shutdown();
                } catch (MqttException e) {
                    // closing anyway
                }
            }
        }
        work.shutdownNow();
    }

    @Test
    @Order(1)
    void releasesAreAcceptedOnlySignedByATrustedKeyAndWellFormed() throws Exception {
        byte[] good = ReleasePackages.release(GOOD);
        HttpResponse<String> uploaded = upload(good, ReleasePackages.sign(RELEASE_KEY.getPrivate(), good));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode release = json.readTree(uploaded.body());
        assertThat(release.get("version").asString()).isEqualTo(GOOD);
        assertThat(release.get("bundles")).hasSize(2);
        assertThat(upload(good, ReleasePackages.sign(RELEASE_KEY.getPrivate(), good)).statusCode())
                .as("the same package again").isEqualTo(200);

        byte[] tampered = good.clone();
        tampered[tampered.length - 30] ^= 1;
        assertRefused(upload(tampered, ReleasePackages.sign(RELEASE_KEY.getPrivate(), good)), 400, "BAD_SIGNATURE");
        KeyPair stranger = ReleasePackages.releaseKey();
        assertRefused(upload(good, ReleasePackages.sign(stranger.getPrivate(), good)), 400, "BAD_SIGNATURE");
        assertRefused(upload(good, null), 400, "UNSIGNED");
        byte[] notAPackage = "not a package".getBytes();
        assertRefused(upload(notAPackage, ReleasePackages.sign(RELEASE_KEY.getPrivate(), notAPackage)), 400,
                "MALFORMED_PACKAGE");
        byte[] other = ReleasePackages.build(GOOD, java.util.Map.of("bundles/other.jar", "other"), java.util.Map.of());
        assertRefused(upload(other, ReleasePackages.sign(RELEASE_KEY.getPrivate(), other)), 409, "VERSION_EXISTS");

        String viewer = FleetApi.token(fleetContext, Role.COMMUNE_VIEWER, Set.of(RENNES));
        assertThat(new FleetApi(httpPort, viewer).get("/api/releases").get("items")).hasSize(1);
        assertThat(api.get("/api/audit?action=release.upload").get("entries")).hasSize(1);
    }

    @Test
    @Order(2)
    void aBadReleaseHaltsAfterTheCanaryWaveAndNoLaterWaveGetsAnOrder() throws Exception {
        byte[] bad = ReleasePackages.release(BAD);
        assertThat(upload(bad, ReleasePackages.sign(RELEASE_KEY.getPrivate(), bad)).statusCode()).isEqualTo(201);

        JsonNode created = create("""
                {"name":"bad one","release":"%s","targets":{"communes":["%s","%s"]},
                 "canaries":["gw-camp-000","gw-camp-031","gw-camp-059"],"waves":[10,50,100],
                 "failureThreshold":{"maxFailedPercent":50},"healthWindowSeconds":1,"waveTimeoutSeconds":60}
                """.formatted(BAD, RENNES, BREST));
        String campaign = created.get("id").asString();
        assertThat(created.get("counts").get("total").asLong()).isEqualTo(GATEWAYS);
        assertThat(created.get("waves")).extracting(wave -> wave.get("counts").get("total").asLong())
                .containsExactly(3L, 6L, 23L, 28L);

        JsonNode halted = awaitCampaign(campaign, c -> "HALTED".equals(c.get("state").asString())
                && c.get("counts").get("inProgress").asLong() == 0);
        assertThat(halted.get("stateReason").asString()).contains("wave 1").contains("over the threshold");
        assertThat(halted.get("currentWave").asInt()).isEqualTo(1);
        assertThat(halted.get("counts").get("failed").asLong()).isEqualTo(3);
        assertThat(halted.get("counts").get("byState").get("REVERTED").asLong()).isEqualTo(3);
        assertThat(halted.get("counts").get("pending").asLong()).isEqualTo(GATEWAYS - 3);
        for (int wave = 1; wave < 4; wave++) {
            assertThat(halted.get("waves").get(wave).get("started").asBoolean()).isFalse();
            assertThat(halted.get("waves").get(wave).get("counts").get("pending").asLong())
                    .isEqualTo(halted.get("waves").get(wave).get("counts").get("total").asLong());
        }
        // The canaries went back to the release they ran, and said why.
        for (String canary : CANARIES) {
            JsonNode detail = api.get("/api/campaigns/" + campaign + "/gateways/" + canary);
            assertThat(detail.at("/progress/state").asString()).isEqualTo("REVERTED");
            assertThat(detail.at("/progress/reason").asString()).contains("unsatisfied");
            assertThat(detail.at("/progress/runningRelease").asString()).isEqualTo(RUNNING);
        }
        // Nothing was ever published to a gateway of a later wave.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> gateways.stream()
                .filter(g -> !CANARIES.contains(g.id)).allMatch(g -> g.ordersReceived.isEmpty()));
        assertThat(api.get("/api/audit?action=campaign.halt").get("entries")).hasSize(1);
        assertThat(gateways).allSatisfy(g -> assertThat(g.release()).isEqualTo(RUNNING));
    }

    @Test
    @Order(3)
    void aGoodReleaseCompletesEveryWaveThroughAPauseAndOfflineGateways() throws Exception {
        List<UpdatingFakeGateway> canaries = gateways.stream().filter(g -> CANARIES.contains(g.id)).toList();
        CountDownLatch canariesHealthy = new CountDownLatch(1);
        canaries.forEach(g -> g.holdAtHealthCheck(canariesHealthy));
        // Two gateways of the last wave are offline when it starts.
        List<UpdatingFakeGateway> offline = List.of(gateways.get(50), gateways.get(51));
        for (UpdatingFakeGateway gateway : offline) {
            gateway.shutdown();
        }

        JsonNode created = create("""
                {"name":"good one","release":"%s","targets":{"releases":["%s"]},
                 "canaries":["gw-camp-000","gw-camp-031","gw-camp-059"],"waves":[10,50,100],
                 "healthWindowSeconds":1,"waveTimeoutSeconds":120}
                """.formatted(GOOD, RUNNING));
        String campaign = created.get("id").asString();
        String path = "/api/campaigns/" + campaign;
        awaitCampaign(campaign, c -> c.at("/waves/0/counts/byState/IN_PROGRESS").asLong() == 3);

        // Paused while the canaries are in their health check: they finish, the next wave does not start.
        HttpResponse<String> paused = api.send("POST", path + "/pause", null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        canariesHealthy.countDown();
        awaitCampaign(campaign, c -> c.at("/waves/0/counts/succeeded").asLong() == 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode c = checkedCampaign(campaign);
                    return "PAUSED".equals(c.get("state").asString()) && c.get("currentWave").asInt() == 1
                            && c.at("/waves/1/counts/pending").asLong() == 6;
                });
        assertThat(api.send("POST", path + "/pause", null).statusCode()).as("pausing twice").isEqualTo(409);

        HttpResponse<String> resumed = api.send("POST", path + "/resume", null);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        // The last wave starts with two gateways away: their orders wait at the broker.
        awaitCampaign(campaign, c -> c.get("currentWave").asInt() == 4
                && c.at("/waves/3/counts/succeeded").asLong() == 26);
        for (UpdatingFakeGateway gateway : offline) {
            JsonNode away = api.get(path + "/gateways/" + gateway.id);
            assertThat(away.at("/progress/state").asString()).isEqualTo("ORDERED");
            gateway.connect();
        }
        JsonNode done = awaitCampaign(campaign, c -> "COMPLETED".equals(c.get("state").asString()));
        assertThat(done.get("counts").get("succeeded").asLong()).isEqualTo(GATEWAYS);
        assertThat(gateways).allSatisfy(g -> assertThat(g.release()).isEqualTo(GOOD));

        // Every step of a gateway is in its history, once, and success waited for its birth.
        JsonNode history = api.get(path + "/gateways/gw-camp-010");
        assertThat(history.at("/progress/state").asString()).isEqualTo("SUCCEEDED");
        assertThat(history.at("/progress/releaseAnnounced").asBoolean()).isTrue();
        List<String> steps = new ArrayList<>();
        history.get("history").forEach(event -> steps.add(event.get("step").asString()
                + (event.has("percent") ? " " + event.get("percent").asInt() : "")));
        assertThat(steps).containsExactly("DOWNLOADING 0", "DOWNLOADING 50", "DOWNLOADING 100", "VERIFYING",
                "INSTALLING", "RELEASE_ANNOUNCED", "HEALTH_CHECK", "SUCCEEDED");
        assertThat(api.get("/api/gateways/gw-camp-010").get("release").asString()).isEqualTo(GOOD);
        assertThat(api.all(path + "/gateways?wave=4&limit=7")).hasSize(28)
                .allSatisfy(target -> assertThat(target.get("state").asString()).isEqualTo("SUCCEEDED"));

        // A commune viewer sees the campaign over their commune's gateways only.
        FleetApi viewer = new FleetApi(httpPort, FleetApi.token(fleetContext, Role.COMMUNE_VIEWER, Set.of(BREST)));
        JsonNode seen = viewer.get(path);
        assertThat(seen.get("counts").get("total").asLong()).isEqualTo(30);
        assertThat(seen.has("settings")).isFalse();
        assertThat(viewer.all(path + "/gateways")).allSatisfy(t -> assertThat(t.get("commune").asString()).isEqualTo(BREST));
        assertThat(viewer.status(path + "/gateways/gw-camp-010")).isEqualTo(404);
        assertThat(viewer.send("POST", path + "/pause", null).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/audit?action=campaign.pause").get("entries")).hasSize(1);
        assertThat(api.get("/api/audit?action=campaign.resume").get("entries")).hasSize(1);
    }

    @Test
    @Order(4)
    void cancellingWithdrawsTheOrdersNotYetStarted() throws Exception {
        byte[] next = ReleasePackages.release("1.2.0");
        assertThat(upload(next, ReleasePackages.sign(RELEASE_KEY.getPrivate(), next)).statusCode()).isEqualTo(201);
        List<UpdatingFakeGateway> away = gateways.subList(40, 45);
        for (UpdatingFakeGateway gateway : away) {
            gateway.shutdown();
        }
        jdbc.sql("UPDATE gateway SET tags = '{cancel-test}' WHERE id IN ('gw-camp-040', 'gw-camp-041', 'gw-camp-042', "
                + "'gw-camp-043', 'gw-camp-044')").update();
        JsonNode created = create("""
                {"name":"to cancel","release":"1.2.0","targets":{"tags":["cancel-test"]},"waves":[100],
                 "healthWindowSeconds":1,"waveTimeoutSeconds":120}
                """);
        String campaign = created.get("id").asString();
        awaitCampaign(campaign, c -> c.at("/counts/byState/ORDERED").asLong() == 5);
        assertThat(api.send("DELETE", "/api/releases/1.2.0", null).statusCode()).as("release in use").isEqualTo(409);

        HttpResponse<String> cancelled = api.send("POST", "/api/campaigns/" + campaign + "/cancel", null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode ended = awaitCampaign(campaign, c -> "CANCELLED".equals(c.get("state").asString())
                && c.get("counts").get("withdrawn").asLong() == 5);
        assertThat(ended.get("counts").get("inProgress").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) FROM campaign_target WHERE campaign_id = CAST(:id AS uuid)
                  AND published_message = 'WITHDRAWAL'""").param("id", campaign).query(Long.class).single() == 5);
        for (UpdatingFakeGateway gateway : away) {
            gateway.connect();
        }
        // Back online, they find no order: the retained one was withdrawn.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> away.stream().noneMatch(g -> g.ordersReceived.contains(campaign)));
        assertThat(away).allSatisfy(g -> assertThat(g.release()).isEqualTo(GOOD));
        assertThat(api.get("/api/audit?action=campaign.cancel").get("entries")).hasSize(1);
        assertThat(api.send("DELETE", "/api/releases/1.2.0", null).statusCode()).isEqualTo(204);
        assertThat(api.status("/api/releases/1.2.0")).isEqualTo(404);
    }

    @Test
    @Order(5)
    void anEnrolledGatewayDownloadsFromItsOrdersUrlAndResumesWithRange() throws Exception {
        String url = gateways.get(10).lastOrder.packageUrl();
        assertThat(url).isEqualTo("https://localhost:" + httpsPort + "/api/releases/" + GOOD + "/package");
        assertThat(gateways.get(10).lastOrder.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(ReleasePackages.release(GOOD))));
        byte[] expected = ReleasePackages.release(GOOD);

        KeyPair key = ecKey();
        X509Certificate certificate = issuance.issue(Pem.csr(CertificateRequest.pem(key, "gw-download")), "gw-download",
                RENNES, null, Instant.now());
        HttpClient enrolled = HttpClient.newBuilder().sslContext(BrokerTls.context(key.getPrivate(),
                List.of(certificate, authority.intermediate()), List.of(authority.root()))).build();

        HttpResponse<byte[]> whole = enrolled.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(expected);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        // A download cut at byte 300 resumes from there.
        HttpResponse<byte[]> rest = enrolled.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=300-")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range"))
                .hasValue("bytes 300-" + (expected.length - 1) + "/" + expected.length);
        assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(expected, 300, expected.length));

        // Without a certificate, or with a revoked one: refused.
        HttpClient anonymous = HttpClient.newBuilder().sslContext(BrokerTls.context(null, List.of(),
                List.of(authority.root()))).build();
        assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(403);
        revocation.revoke("gw-download", RENNES, "stolen", Actor.ANONYMOUS);
        HttpClient afterRevocation = HttpClient.newBuilder().sslContext(BrokerTls.context(key.getPrivate(),
                List.of(certificate, authority.intermediate()), List.of(authority.root()))).build();
        assertThat(afterRevocation.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        // Staff routes stay closed on the gateway port.
        assertThat(enrolled.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/api/releases"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void repeatedAndStrayStatusesChangeNothingAndRevokedGatewaysAreNotTargeted() throws Exception {
        String campaign = jdbc.sql("SELECT id::text FROM campaign WHERE name = 'good one'").query(String.class).single();
        String path = "/api/campaigns/" + campaign + "/gateways/gw-camp-012";
        JsonNode before = api.get(path);
        JsonNode last = before.get("history").get(before.get("history").size() - 1);
        assertThat(last.get("step").asString()).isEqualTo("SUCCEEDED");
        UpdatingFakeGateway gateway = gateways.get(12);
        // The gateway repeats its final status (as it does at each connection), and sends one for no campaign.
        gateway.send(status(gateway, campaign, Step.SUCCEEDED, Instant.parse(last.get("reportedAt").asString())));
        gateway.send(status(gateway, UUID.randomUUID().toString(), Step.DOWNLOADING, Instant.now()));
        // A late step after the final one is kept in the history but changes nothing.
        gateway.send(status(gateway, campaign, Step.HEALTH_CHECK, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(path).get("history").size()
                == before.get("history").size() + 1);
        JsonNode after = api.get(path);
        assertThat(after.at("/progress/state").asString()).isEqualTo("SUCCEEDED");
        assertThat(after.at("/progress/step").asString()).isEqualTo("SUCCEEDED");
        assertThat(checkedCampaign(campaign).at("/counts/succeeded").asLong()).isEqualTo(GATEWAYS);

        // A revoked gateway is left out of a new campaign.
        issuance.issue(Pem.csr(CertificateRequest.pem(ecKey(), "gw-camp-046")), "gw-camp-046", BREST, null, Instant.now());
        revocation.revoke("gw-camp-046", BREST, "lost", Actor.ANONYMOUS);
        jdbc.sql("UPDATE gateway SET tags = '{revocation-test}' WHERE id IN ('gw-camp-046', 'gw-camp-047')").update();
        byte[] next = ReleasePackages.release("1.3.0");
        assertThat(upload(next, ReleasePackages.sign(RELEASE_KEY.getPrivate(), next)).statusCode()).isEqualTo(201);
        JsonNode created = create("""
                {"name":"without the revoked","release":"1.3.0","targets":{"tags":["revocation-test"]},"waves":[100],
                 "healthWindowSeconds":1,"waveTimeoutSeconds":120}
                """);
        assertThat(created.at("/counts/total").asLong()).isEqualTo(1);
        assertThat(api.all("/api/campaigns/" + created.get("id").asString() + "/gateways"))
                .extracting(t -> t.get("gatewayId").asString()).containsExactly("gw-camp-047");
        awaitCampaign(created.get("id").asString(), c -> "COMPLETED".equals(c.get("state").asString()));
    }

    @Test
    @Order(7)
    void outsideItsMaintenanceWindowsACampaignPublishesNoOrder() throws Exception {
        jdbc.sql("UPDATE gateway SET tags = '{window-test}' WHERE id IN ('gw-camp-020', 'gw-camp-021')").update();
        byte[] next = ReleasePackages.release("1.4.0");
        assertThat(upload(next, ReleasePackages.sign(RELEASE_KEY.getPrivate(), next)).statusCode()).isEqualTo(201);
        // A window three days from today (Paris time): closed now, whatever the time.
        String elsewhen = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Paris")).getDayOfWeek().plus(3).name();
        JsonNode created = create("""
                {"name":"not now","release":"1.4.0","targets":{"tags":["window-test"]},"waves":[100],
                 "healthWindowSeconds":1,"waveTimeoutSeconds":120,
                 "maintenanceWindows":[{"days":["%s"],"from":"01:00","to":"05:00"}]}
                """.formatted(elsewhen));
        String campaign = created.get("id").asString();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
            JsonNode now = checkedCampaign(campaign);
            return "RUNNING".equals(now.get("state").asString()) && now.at("/counts/pending").asLong() == 2;
        });
        assertThat(List.of(gateways.get(20), gateways.get(21)))
                .allSatisfy(g -> assertThat(g.ordersReceived).doesNotContain(campaign));
        assertThat(api.send("POST", "/api/campaigns/" + campaign + "/cancel", null).statusCode()).isEqualTo(200);

        // Settings that are wrong or misspelt are refused before anything starts.
        HttpResponse<String> misspelt = api.send("POST", "/api/campaigns",
                "{\"name\":\"typo\",\"release\":\"1.4.0\",\"canary\":[\"gw-camp-020\"]}");
        assertThat(misspelt.statusCode()).as(misspelt.body()).isEqualTo(400);
        HttpResponse<String> noLastWave = api.send("POST", "/api/campaigns",
                "{\"name\":\"waves\",\"release\":\"1.4.0\",\"waves\":[10,50]}");
        assertThat(noLastWave.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noLastWave.body()).get("detail").asString()).contains("the last percentage must be 100");
        HttpResponse<String> unknownRelease = api.send("POST", "/api/campaigns", "{\"name\":\"x\",\"release\":\"9.9.9\"}");
        assertThat(unknownRelease.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownRelease.body()).get("detail").asString()).contains("no release 9.9.9");
        JsonNode cancelled = checkedCampaign(campaign);
        assertThat(cancelled.at("/counts/pending").asLong()).as("never ordered: nothing to withdraw").isEqualTo(2);
    }

    /** A status as the gateway would send it. */
    private static UpdateStatus status(UpdatingFakeGateway gateway, String campaign, Step step, Instant at) {
        return new UpdateStatus(UpdateStatus.VERSION, gateway.id, gateway.commune, campaign, GOOD, step, null, null, GOOD, at);
    }

    private static KeyPair ecKey() throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private JsonNode create(String body) throws IOException, InterruptedException {
        HttpResponse<String> created = api.send("POST", "/api/campaigns", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode campaign = json.readTree(created.body());
        assertCounts(campaign);
        return campaign;
    }

    /** Polls the campaign until {@code done}, checking that the counts add up at every poll. */
    private JsonNode awaitCampaign(String id, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> checkedCampaign(id), done);
    }

    private JsonNode checkedCampaign(String id) throws IOException, InterruptedException {
        JsonNode campaign = api.get("/api/campaigns/" + id);
        assertCounts(campaign);
        return campaign;
    }

    private static void assertCounts(JsonNode campaign) {
        List<JsonNode> all = new ArrayList<>();
        all.add(campaign.get("counts"));
        campaign.get("waves").forEach(wave -> all.add(wave.get("counts")));
        long waveTotals = 0;
        for (JsonNode counts : all) {
            long sum = counts.get("pending").asLong() + counts.get("inProgress").asLong() + counts.get("succeeded").asLong()
                    + counts.get("failed").asLong() + counts.get("withdrawn").asLong();
            assertThat(sum).as("pending + inProgress + succeeded + failed + withdrawn = total in %s", counts)
                    .isEqualTo(counts.get("total").asLong());
            long byState = 0;
            for (JsonNode n : counts.get("byState")) {
                byState += n.asLong();
            }
            assertThat(byState).as("states add up in %s", counts).isEqualTo(counts.get("total").asLong());
            waveTotals += counts == all.get(0) ? 0 : counts.get("total").asLong();
        }
        assertThat(waveTotals).as("waves add up to the campaign").isEqualTo(campaign.get("counts").get("total").asLong());
        // No wave after the current one has started.
        int current = campaign.get("currentWave").asInt();
        for (int wave = current; wave < campaign.get("waves").size(); wave++) {
            JsonNode later = campaign.get("waves").get(wave).get("counts");
            assertThat(later.get("pending").asLong()).as("wave %d after the current one", wave + 1)
                    .isEqualTo(later.get("total").asLong());
        }
    }

    private HttpResponse<String> upload(byte[] content, String signature) throws IOException, InterruptedException {
        Multipart form = new Multipart().file("package", "release.dp", content);
        if (signature != null) {
            form.text("signature", signature);
        }
        return form.post(api, "/api/releases");
    }

    private void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("reason").asString()).isEqualTo(reason);
    }

    private static void connect(List<UpdatingFakeGateway> gateways) throws Exception {
        ExecutorService connecting = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (UpdatingFakeGateway gateway : gateways) {
                done.add(connecting.submit(() -> {
                    gateway.connect();
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            connecting.shutdown();
        }
    }
}
