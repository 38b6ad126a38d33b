package fr.mutualis.fleet.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
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
 * A push to 100 gateways of a commune speaking the real MQTT contract, 20 of them offline during
 * the push and 5 that roll it back: the progress counts are right at every step, the offline ones
 * converge when they reconnect (the desired configuration is retained), the failures are listed
 * with their reason and stay in the drift list; then a push to a tag reaches only the tagged ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConfigurationPushIT {

    private static final String COMMUNE = "29019";
    private static final int GATEWAYS = 100;
    private static final int OFFLINE = 20;
    private static final int FAULTY = 5;
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "config-push");
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    ApplicationContext fleetContext;
    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aPushConvergesOnEveryGatewayWithRightCountsAtEveryStep() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        ExecutorService replies = Executors.newFixedThreadPool(4);
        List<ConfiguredFakeGateway> gateways = new ArrayList<>();
        for (int i = 0; i < GATEWAYS; i++) {
            // gateways 0-19 will be offline during the push, 20-24 are faulty, the rest apply
            gateways.add(new ConfiguredFakeGateway(brokerUrl, "gw-push-%03d".formatted(i), COMMUNE,
                    i >= OFFLINE && i < OFFLINE + FAULTY, replies));
        }
        try {
            connectAll(gateways);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM gateway_config WHERE schema_digest IS NOT NULL").query(Long.class).single() == GATEWAYS);
            for (ConfiguredFakeGateway gateway : gateways.subList(0, OFFLINE)) {
                gateway.shutdown();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM gateway WHERE status = 'OFFLINE'").query(Long.class).single() == OFFLINE);

            // Refused before anything is published, naming every gateway's schema that refuses it.
            HttpResponse<String> refused = api.send("PUT", "/api/configuration/layers/commune:" + COMMUNE,
                    "{\"components\":{\"fr.mutualis.gateway.health\":{\"intervalSeconds\":0}}}");
            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("detail").asString()).isEqualTo(
                    "The configuration was not published: fr.mutualis.gateway.health.intervalSeconds must be at least 1, got 0.");
            assertThat(problem.at("/problems/0/gatewayCount").asInt()).isEqualTo(GATEWAYS);
            assertThat(jdbc.sql("SELECT count(*) FROM gateway_config_version").query(Long.class).single()).isZero();

            // The push: every gateway of the commune gets a new desired version.
            HttpResponse<String> pushed = api.send("PUT", "/api/configuration/layers/commune:" + COMMUNE,
                    "{\"components\":{\"fr.mutualis.gateway.health\":{\"intervalSeconds\":45}}}");
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            JsonNode push = json.readTree(pushed.body());
            assertThat(push.get("gateways").asLong()).isEqualTo(GATEWAYS);
            assertCounts(push);
            assertThat(push.get("pendingOffline").asLong()).isEqualTo(OFFLINE);
            String progress = "/api/configuration/pushes/" + push.get("id").asString();

            JsonNode whileOffline = awaitProgress(api, progress, p -> p.get("applied").asLong() == GATEWAYS - OFFLINE - FAULTY
                    && p.get("failed").asLong() == FAULTY);
            assertThat(whileOffline.get("pending").asLong()).isEqualTo(OFFLINE);
            assertThat(whileOffline.get("pendingOffline").asLong()).isEqualTo(OFFLINE);
            assertThat(whileOffline.get("failures")).hasSize(FAULTY).allSatisfy(failure -> {
                assertThat(failure.get("outcome").asString()).isEqualTo("ROLLED_BACK");
                assertThat(failure.get("error").asString()).contains("failed activation: simulated");
            });
            assertThat(driftingGateways(api)).hasSize(OFFLINE + FAULTY);

            // The offline ones come back: the broker hands them the retained version; they converge.
            connectAll(gateways.subList(0, OFFLINE));
            JsonNode converged = awaitProgress(api, progress, p -> p.get("applied").asLong() == GATEWAYS - FAULTY);
            assertThat(converged.get("failed").asLong()).isEqualTo(FAULTY);
            assertThat(converged.get("pending").asLong()).isZero();
            assertThat(converged.get("pendingOffline").asLong()).isZero();
            assertThat(driftingGateways(api)).containsExactly("gw-push-020", "gw-push-021", "gw-push-022",
                    "gw-push-023", "gw-push-024");
            JsonNode one = api.get("/api/gateways/gw-push-000/configuration");
            assertThat(one.get("inSync").asBoolean()).isTrue();
            assertThat(one.at("/reported/values/fr.mutualis.gateway.health/intervalSeconds").asInt()).isEqualTo(45);

            // A push to a tag reaches the tagged gateways only, on top of the commune's layer.
            jdbc.sql("UPDATE gateway SET tags = '{eclairage}' WHERE id IN ('gw-push-030', 'gw-push-031', 'gw-push-032')")
                    .update();
            HttpResponse<String> tagged = api.send("PUT", "/api/configuration/layers/tag:eclairage",
                    "{\"components\":{\"fr.mutualis.gateway.pipeline\":{\"dedupeWindowMillis\":400}}}");
            assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);
            JsonNode tagPush = json.readTree(tagged.body());
            assertThat(tagPush.get("gateways").asLong()).isEqualTo(3);
            awaitProgress(api, "/api/configuration/pushes/" + tagPush.get("id").asString(),
                    p -> p.get("applied").asLong() == 3);
            JsonNode taggedOne = api.get("/api/gateways/gw-push-031/configuration");
            assertThat(taggedOne.at("/origins/fr.mutualis.gateway.health.intervalSeconds").asString())
                    .isEqualTo("commune:" + COMMUNE);
            assertThat(taggedOne.at("/origins/fr.mutualis.gateway.pipeline.dedupeWindowMillis").asString())
                    .isEqualTo("tag:eclairage");
            assertThat(taggedOne.get("inSync").asBoolean()).isTrue();
            JsonNode diff = api.get("/api/gateways/gw-push-031/configuration/diff?from=0&to="
                    + taggedOne.get("desiredVersion").asLong());
            assertThat(diff).extracting(change -> change.get("pid").asString() + " " + change.get("change").asString())
                    .containsExactly("fr.mutualis.gateway.health ADDED", "fr.mutualis.gateway.pipeline ADDED");
            assertThat(api.get("/api/audit?action=configuration.layer.update").get("entries")).hasSize(2);

            // A gateway tagged afterwards receives the tag's layer at once, without reconnecting.
            HttpResponse<String> retagged = api.send("PATCH", "/api/gateways/gw-push-033", "{\"tags\":[\"eclairage\"]}");
            assertThat(retagged.statusCode()).as(retagged.body()).isEqualTo(200);
            JsonNode joined = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/api/gateways/gw-push-033/configuration"), view -> view.get("inSync").asBoolean()
                            && view.at("/reported/values/fr.mutualis.gateway.pipeline/dedupeWindowMillis").asInt() == 400);
            assertThat(joined.at("/origins/fr.mutualis.gateway.pipeline.dedupeWindowMillis").asString())
                    .isEqualTo("tag:eclairage");
        } finally {
            for (ConfiguredFakeGateway gateway : gateways) {
                if (gateway.connected()) {
                    try {
                        gateway.shutdown();
                    } catch (MqttException e) {
                        // closing anyway
                    }
                }
            }
            replies.shutdownNow();
        }
    }

    /** Connects them ten at a time, as a commune's gateways come back after a power cut. */
    private static void connectAll(List<ConfiguredFakeGateway> gateways) throws Exception {
        ExecutorService connecting = Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (ConfiguredFakeGateway gateway : gateways) {
                done.add(connecting.submit(() -> {
                    gateway.connect();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> each : done) {
                each.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            connecting.shutdown();
        }
    }

    /** Polls the push's progress until {@code done}, checking the counts add up at every poll. */
    private JsonNode awaitProgress(FleetApi api, String path, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode progress = api.get(path);
            assertCounts(progress);
            return progress;
        }, done);
    }

    /**
     * What the API computes from one snapshot (pending = gateways - applied - failed, pending
     * offline among pending) needs no check here; the failure list, read beside the counts, must
     * agree with them at every poll.
     */
    private static void assertCounts(JsonNode progress) {
        assertThat(progress.get("failures")).as("failures listed against the failed count")
                .hasSize((int) progress.get("failed").asLong());
    }

    private static List<String> driftingGateways(FleetApi api) throws IOException, InterruptedException {
        return api.all("/api/configuration/drift?commune=" + COMMUNE + "&limit=7").stream()
                .map(d -> d.get("gatewayId").asString()).toList();
    }
}
