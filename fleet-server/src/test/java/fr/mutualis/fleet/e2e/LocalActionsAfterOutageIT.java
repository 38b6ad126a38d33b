package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A real gateway process running a lighting circuit on Pi4J's mock platform, against a real
 * Mosquitto and fleet. The cabinet loses power during a backhaul cut: the agent restarts alone,
 * switches the circuit on by itself (no network time: "fail lit") and logs it; when the backhaul
 * returns, the fleet learns of it, once, with the time the gateway acted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalActionsAfterOutageIT {

    private static MosquittoBroker mosquitto;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        mosquitto = MosquittoBroker.startForFleet(registry, "actions");
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

    @TempDir
    Path work;

    @Test
    void whatTheGatewayDidAloneDuringAnOutageReachesTheFleetOnceAfterReconnection() throws Exception {
        String gatewayId = "gw-actions-" + ProcessHandle.current().pid();
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        Path home = work.resolve(gatewayId);
        try (GatewayProcess gateway = GatewayProcess.start(home, gatewayId, "35238", mosquitto.url(), FreePorts.udp(), 4,
                "outputs.channels=rue-haute=17",
                "circuit.rue-haute.output=rue-haute",
                "circuit.rue-haute.latitude=48.1173",
                "circuit.rue-haute.longitude=-1.6778",
                "circuit.rue-haute.cutOff=23:00-05:00",
                "lighting.evaluation.seconds=2",
                "actions.report.interval.seconds=1")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "ONLINE".equals(api.gatewayStatus(gatewayId)));
            // Outputs start de-energised and the agent has no trusted time yet: it lights the circuit.
            List<JsonNode> beforeOutage = await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.all("/api/gateways/" + gatewayId + "/actions"), actions -> actions.size() == 1);
            assertThat(beforeOutage.get(0).get("kind").asString()).isEqualTo("lighting.switch");
            assertThat(beforeOutage.get(0).get("subject").asString()).isEqualTo("rue-haute");
            assertThat(beforeOutage.get(0).at("/details/state").asString()).isEqualTo("ON");
            assertThat(beforeOutage.get(0).at("/details/clock").asString()).isNotEmpty();

            mosquitto.stop();
            // Power cut in the cabinet during the backhaul cut: the relays drop, the agent restarts alone.
            gateway.kill();
            gateway.start();
            Path actionLog = home.resolve("data").resolve("autonomy-actions.jsonl");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(actionLog)
                    && Files.readAllLines(actionLog).size() == 2);
            Instant backhaulBack = Instant.now();
            assertThat(api.all("/api/gateways/" + gatewayId + "/actions")).as("nothing reaches the fleet during the cut")
                    .hasSize(1);

            mosquitto.start();

            List<JsonNode> afterOutage = await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.all("/api/gateways/" + gatewayId + "/actions"), actions -> actions.size() == 2);
            JsonNode alone = afterOutage.get(1);
            assertThat(alone.get("sequence").asLong()).isEqualTo(2);
            assertThat(alone.get("kind").asString()).isEqualTo("lighting.switch");
            assertThat(alone.at("/details/state").asString()).isEqualTo("ON");
            assertThat(Instant.parse(alone.get("actedAt").asString())).as("acted during the cut")
                    .isBefore(backhaulBack);
            assertThat(Instant.parse(alone.get("receivedAt").asString())).as("told after it").isAfter(backhaulBack);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api.get("/api/gateways/" + gatewayId).at("/lastHealth/metrics/autonomy.actions.unreported").asDouble())
                    .isEqualTo(0.0));
            assertThat(api.all("/api/gateways/" + gatewayId + "/actions")).as("each action stored once").hasSize(2);
            String circuit = "fr.mutualis.autonomy.lighting.circuit~rue-haute";
            assertThat(api.get("/api/gateways/" + gatewayId + "/configuration").at("/reported/values").has(circuit)).isTrue();

            // The technician takes the circuit out of the installer's file: it goes away on the gateway.
            Path config = home.resolve("gateway.properties");
            Files.writeString(config, String.join("\n", Files.readAllLines(config).stream()
                    .filter(line -> !line.startsWith("circuit.")).toList()) + "\n");
            gateway.terminate(Duration.ofSeconds(30));
            gateway.start();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                JsonNode values = api.get("/api/gateways/" + gatewayId + "/configuration").at("/reported/values");
                return values.has("fr.mutualis.autonomy.lighting.circuit~") && !values.has(circuit);
            });
        }
    }

    @Test
    void circuitsAndAlarmRulesArriveByRemoteConfigurationAndARuleThatCannotRunIsRolledBack() throws Exception {
        String gatewayId = "gw-rules-" + ProcessHandle.current().pid();
        String layer = "/api/configuration/layers/gateway:" + gatewayId;
        String circuit = "fr.mutualis.autonomy.lighting.circuit~rue-basse";
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238", mosquitto.url(),
                FreePorts.udp(), 4, "outputs.channels=rue-basse=22, vanne=23", "config.health.window.seconds=4",
                "actions.report.interval.seconds=1")) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> api.get("/api/gateways/" + gatewayId + "/configuration").at("/reported/values")
                            .has("fr.mutualis.autonomy.lighting.circuit~"));

            HttpResponse<String> badName = api.send("PUT", layer, """
                    {"components":{"fr.mutualis.autonomy.lighting.circuit~rue basse!":{"circuit":"x","latitude":48.1,"longitude":-1.6}}}""");
            assertThat(badName.statusCode()).isEqualTo(400);
            assertThat(badName.body()).contains("instance name");
            HttpResponse<String> badLatitude = api.send("PUT", layer, """
                    {"components":{"%s":{"circuit":"rue-basse","output":"rue-basse","latitude":"north","longitude":-1.6}}}"""
                    .formatted(circuit));
            assertThat(badLatitude.statusCode()).isEqualTo(400);
            assertThat(badLatitude.body()).contains(circuit + ".latitude must be a number");

            // A circuit pushed by the fleet runs on the gateway: it lights (no trusted time yet) and says so.
            HttpResponse<String> pushed = api.send("PUT", layer, """
                    {"components":{"%s":{"circuit":"rue-basse","output":"rue-basse","latitude":48.1173,"longitude":-1.6778,
                                         "cutOff":"23:00-05:00"}}}""".formatted(circuit));
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            JsonNode applied = api.awaitConfigurationOutcome(gatewayId, "APPLIED");
            assertThat(applied.at("/reported/values/" + circuit + "/cutOff").asString()).isEqualTo("23:00-05:00");
            List<JsonNode> actions = await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.all("/api/gateways/" + gatewayId + "/actions"), list -> !list.isEmpty());
            assertThat(actions.get(0).get("subject").asString()).isEqualTo("rue-basse");

            // An alarm rule whose condition cannot be parsed fails to activate: the whole document is rolled back.
            HttpResponse<String> broken = api.send("PUT", layer, """
                    {"components":{"%s":{"circuit":"rue-basse","output":"rue-basse","latitude":48.1173,"longitude":-1.6778,
                                         "cutOff":"23:00-05:00"},
                                   "fr.mutualis.autonomy.alarm~fuite":{"name":"fuite","condition":"leak >>> 1","output":"vanne"}}}"""
                    .formatted(circuit));
            assertThat(broken.statusCode()).as(broken.body()).isEqualTo(200);
            JsonNode rolledBack = api.awaitConfigurationOutcome(gatewayId, "ROLLED_BACK");
            assertThat(rolledBack.at("/reported/error").asString()).contains("fr.mutualis.autonomy.alarm~fuite");
            assertThat(rolledBack.at("/reported/values").has("fr.mutualis.autonomy.alarm~fuite")).isFalse();
            assertThat(rolledBack.at("/reported/values").has(circuit)).isTrue();

            // The fleet stops naming the circuit: it goes away on the gateway.
            HttpResponse<String> removed = api.send("PUT", layer, """
                    {"components":{}}""");
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            JsonNode withoutCircuit = api.awaitConfigurationOutcome(gatewayId, "APPLIED");
            assertThat(withoutCircuit.at("/reported/values").has(circuit)).isFalse();
        }
    }
}
