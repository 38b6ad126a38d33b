package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Remote configuration end to end with a real gateway agent (a separate process, the assembled
 * distribution) and the real fleet: an invalid change is refused with a precise message before
 * anything is published; a valid change is applied and reported; a change that makes a component
 * fail activation, and one that cuts the uplink, are rolled back by the gateway and reported; a
 * SIGKILL in the middle of an apply ends, after restart, on the old configuration, never a mix; a
 * gateway that is offline during a push receives the retained version when it comes back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RemoteConfigurationEndToEndIT {

    private static final String COMMUNE = "35238";
    private static final String GATEWAY = "gw-config-e2e";
    private static final String LAYER = "/api/configuration/layers/gateway:" + GATEWAY;
    private static final String HEALTH = "fr.mutualis.gateway.health";
    private static final String PIPELINE = "fr.mutualis.gateway.pipeline";
    private static final String INGEST = "fr.mutualis.gateway.ingest.gwmp";
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "e2e-config");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @TempDir
    Path work;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void refusedBeforePublishingAppliedRolledBackConsistentAfterSigkillAndConvergingAfterAnOutage() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        int gwmpPort = FreePorts.udp();
        Path home = work.resolve(GATEWAY);
        // A short health window keeps the test short; the pause between components widens the
        // moment an apply is half done, which the SIGKILL step aims at.
        GatewayProcess gateway = GatewayProcess.start(home, GATEWAY, COMMUNE, brokerUrl, gwmpPort, 4,
                "config.health.window.seconds=8", "config.apply.pause.ms=2500");
        try {
            // The first report may come while bundles are still starting; the agent reports again once
            // they are up, and the fleet validates pushes against what the gateway reported.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> reported(api).get("values").has(PIPELINE)
                    && reported(api).get("values").has(INGEST));

            // 1. Invalid: refused with every problem, nothing stored or published.
            HttpResponse<String> refused = api.send("PUT", LAYER, """
                    {"components":{"fr.mutualis.gateway.ingest.gwmp":{"port":70000},
                                   "fr.mutualis.gateway.health":{"intervalSeconds":"often","everySecond":true}}}""");
            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("title").asString()).isEqualTo("Invalid configuration");
            assertThat(problem.get("detail").asString()).isEqualTo("The configuration was not published: "
                    + "fr.mutualis.gateway.ingest.gwmp.port must be at most 65535, got 70000; "
                    + "fr.mutualis.gateway.health.intervalSeconds must be a number, got 'often'; "
                    + "fr.mutualis.gateway.health.everySecond is not a property of this component (known: intervalSeconds).");
            assertThat(problem.at("/problems/0/gateways/0").asString()).isEqualTo(GATEWAY);
            // The uplink's certificate and key are the device's own (enrolment): not in the schema it reports.
            HttpResponse<String> deviceOwn = api.send("PUT", LAYER, """
                    {"components":{"fr.mutualis.gateway.uplink.mqtt":{"clientKeyFile":"/tmp/other.key"}}}""");
            assertThat(deviceOwn.statusCode()).isEqualTo(400);
            assertThat(json.readTree(deviceOwn.body()).get("detail").asString())
                    .contains("fr.mutualis.gateway.uplink.mqtt.clientKeyFile is not a property of this component");
            assertThat(api.get(LAYER).get("revision").asLong()).isZero();
            assertThat(api.get("/api/gateways/" + GATEWAY + "/configuration").get("desiredVersion").isNull()).isTrue();

            // 2. Valid: applied by the gateway, reported, in sync.
            JsonNode push = put(api, """
                    {"components":{"fr.mutualis.gateway.health":{"intervalSeconds":7},
                                   "fr.mutualis.gateway.pipeline":{"dedupeWindowMillis":300}}}""");
            assertThat(push.get("gateways").asLong()).isEqualTo(1);
            long good = api.awaitConfigurationOutcome(GATEWAY, "APPLIED").get("desiredVersion").asLong();
            JsonNode applied = api.get("/api/gateways/" + GATEWAY + "/configuration");
            assertThat(applied.get("inSync").asBoolean()).isTrue();
            assertThat(applied.at("/reported/values/" + HEALTH + "/intervalSeconds").asInt()).isEqualTo(7);
            assertThat(applied.at("/reported/values/" + PIPELINE + "/dedupeWindowMillis").asInt()).isEqualTo(300);
            assertThat(applied.at("/origins/" + HEALTH + ".intervalSeconds").asString()).isEqualTo("gateway:" + GATEWAY);
            JsonNode progress = api.get("/api/configuration/pushes/" + push.get("id").asString());
            assertThat(progress.get("applied").asLong()).isEqualTo(1);
            assertThat(progress.get("pending").asLong()).isZero();

            // 3. A component that cannot activate with the new values: rolled back, reported, drift listed.
            try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                JsonNode failedPush = put(api, """
                        {"components":{"fr.mutualis.gateway.health":{"intervalSeconds":7},
                                       "fr.mutualis.gateway.pipeline":{"dedupeWindowMillis":300},
                                       "fr.mutualis.gateway.ingest.gwmp":{"port":%d}}}""".formatted(taken.getLocalPort()));
                JsonNode rolledBack = api.awaitConfigurationOutcome(GATEWAY, "ROLLED_BACK");
                assertThat(rolledBack.at("/reported/error").asString())
                        .contains("GwmpServer failed activation: java.net.BindException: Address already in use");
                assertThat(rolledBack.at("/reported/appliedVersion").asLong()).isEqualTo(good);
                assertThat(rolledBack.at("/reported/values/" + INGEST + "/port").asInt()).isEqualTo(gwmpPort);
                JsonNode failedProgress = api.get("/api/configuration/pushes/" + failedPush.get("id").asString());
                assertThat(failedProgress.get("failed").asLong()).isEqualTo(1);
                assertThat(failedProgress.at("/failures/0/error").asString()).contains("failed activation");
                assertThat(api.all("/api/configuration/drift?commune=" + COMMUNE))
                        .extracting(d -> d.get("gatewayId").asString()).containsExactly(GATEWAY);
            }

            // 4. An uplink that cannot reach the broker: rolled back, the gateway comes back and says why.
            int deadPort = FreePorts.tcp();
            put(api, """
                    {"components":{"fr.mutualis.gateway.health":{"intervalSeconds":7},
                                   "fr.mutualis.gateway.pipeline":{"dedupeWindowMillis":300},
                                   "fr.mutualis.gateway.uplink.mqtt":{"brokerUrl":"tcp://127.0.0.1:%d"}}}""".formatted(deadPort));
            JsonNode uplinkRolledBack = api.awaitConfigurationOutcome(GATEWAY, "ROLLED_BACK");
            assertThat(uplinkRolledBack.at("/reported/error").asString()).contains("uplink is not connected");
            assertThat(uplinkRolledBack.at("/reported/appliedVersion").asLong()).isEqualTo(good);
            assertThat(uplinkRolledBack.at("/reported/values/fr.mutualis.gateway.uplink.mqtt/brokerUrl").asString())
                    .isEqualTo(brokerUrl);

            // 5. SIGKILL while the gateway is half-way through an apply of two components.
            Path journal = home.resolve("data").resolve("config-agent").resolve("apply-journal.json");
            put(api, """
                    {"components":{"fr.mutualis.gateway.health":{"intervalSeconds":9},
                                   "fr.mutualis.gateway.pipeline":{"dedupeWindowMillis":250}}}""");
            long interrupted = api.get("/api/gateways/" + GATEWAY + "/configuration").get("desiredVersion").asLong();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(journal));
            Path healthConfig = home.resolve("data").resolve("config").resolve("fr").resolve("mutualis")
                    .resolve("gateway").resolve("health.config");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.readString(healthConfig).contains("intervalSeconds=I\"9\""));
            gateway.kill();
            Path pipelineConfig = healthConfig.resolveSibling("pipeline.config");
            assertThat(Files.readString(pipelineConfig)).as("killed half-way: the pipeline still has its old value")
                    .contains("dedupeWindowMillis=I\"300\"");
            assertThat(journal).as("the apply was interrupted").exists();

            gateway.start();
            JsonNode recovered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> reported(api), r -> r != null && r.get("attemptedVersion").asLong() == interrupted
                            && r.get("outcome").asString().equals("ROLLED_BACK") && r.get("appliedVersion").asLong() == good);
            assertThat(recovered.get("error").asString()).contains("interrupted by a restart");
            assertThat(recovered.at("/values/" + HEALTH + "/intervalSeconds").asInt()).as("old configuration").isEqualTo(7);
            assertThat(recovered.at("/values/" + PIPELINE + "/dedupeWindowMillis").asInt()).as("old configuration")
                    .isEqualTo(300);
            assertThat(Files.readString(healthConfig)).contains("intervalSeconds=I\"7\"");
            assertThat(journal).doesNotExist();

            // 6. Offline during a push: the push waits for it, and it converges when it comes back.
            gateway.terminate(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.gatewayStatus(GATEWAY).equals("OFFLINE"));
            JsonNode offlinePush = put(api, """
                    {"components":{"fr.mutualis.gateway.health":{"intervalSeconds":11},
                                   "fr.mutualis.gateway.pipeline":{"dedupeWindowMillis":350}}}""");
            String offlineProgress = "/api/configuration/pushes/" + offlinePush.get("id").asString();
            JsonNode waiting = api.get(offlineProgress);
            assertThat(waiting.get("pending").asLong()).isEqualTo(1);
            assertThat(waiting.get("pendingOffline").asLong()).isEqualTo(1);
            gateway.start();
            JsonNode converged = api.awaitConfigurationOutcome(GATEWAY, "APPLIED");
            assertThat(converged.get("inSync").asBoolean()).isTrue();
            assertThat(converged.at("/reported/values/" + HEALTH + "/intervalSeconds").asInt()).isEqualTo(11);
            JsonNode done = api.get(offlineProgress);
            assertThat(done.get("applied").asLong()).isEqualTo(1);
            assertThat(done.get("pending").asLong()).isZero();
        } finally {
            gateway.close();
            System.out.println("[config-e2e] gateway log:\n" + gateway.log().lines()
                    .filter(line -> line.contains("onfiguration") || line.contains("ERROR")).limit(60)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
    }

    private JsonNode put(FleetApi api, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = api.send("PUT", LAYER, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode reported(FleetApi api) throws IOException, InterruptedException {
        JsonNode reported = api.get("/api/gateways/" + GATEWAY + "/configuration").get("reported");
        return reported == null || reported.isNull() ? null : reported;
    }
}
