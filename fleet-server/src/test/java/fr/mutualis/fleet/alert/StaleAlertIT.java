package fr.mutualis.fleet.alert;

import static fr.mutualis.fleet.mqtt.ContractMessages.birth;
import static fr.mutualis.fleet.mqtt.ContractMessages.death;
import static fr.mutualis.fleet.mqtt.ContractMessages.health;
import static fr.mutualis.fleet.mqtt.ContractMessages.metrics;
import static fr.mutualis.fleet.mqtt.ContractMessages.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.contract.Channel;
import fr.mutualis.fleet.mqtt.FakeGateway;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import org.junit.jupiter.api.BeforeEach;

/**
 * The stale alert, with a stale threshold of seconds; in a class of its own so that the other
 * alert tests are not raced by it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mutualis.presence.stale-after=5s",
        "mutualis.presence.sweep-interval=200ms",
        "mutualis.alerts.evaluation-interval=200ms"})
@DirtiesContext
class StaleAlertIT {

    private static final String COMMUNE = "35238";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "stale-alert");
    }

    @Autowired
    GatewayMessageSubscriber fleetSubscriber;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    private FleetApi api;

    /** Messages published before the fleet's subscription reach nobody: start once it is in place. */
    @BeforeEach
    void awaitTheFleetsSubscription() {
        await().atMost(Duration.ofSeconds(30)).until(fleetSubscriber::isSubscribed);
        api = FleetApi.asAdmin(fleetContext, httpPort);
    }

    private List<JsonNode> alerts(String id, String query) throws IOException, InterruptedException {
        List<JsonNode> alerts = new ArrayList<>();
        api.get("/api/gateways/" + id + "/alerts" + query).forEach(alerts::add);
        return alerts;
    }

    private void report(FakeGateway gateway, String id, String session) throws MqttException {
        gateway.publish(topic(COMMUNE, id, Channel.HEALTH), health(id, COMMUNE, session, metrics(50.0, 0, 0)));
    }

    private void awaitReports(String id, int count) {
        await().atMost(WAIT).until(() -> api.get("/api/gateways/" + id + "/health").size() >= count);
    }

    @Test
    void aStaleAlertFollowsTheStaleStateAndOnlyTheCurrentConnectionBringsTheGatewayBack() throws Exception {
        String id = "gw-alert-stale";
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connectWithWill(topic(COMMUNE, id, Channel.STATE),
                death(id, COMMUNE, "s2", "connection-lost"))) {
            gateway.publishRetained(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, "s2"));
            await().atMost(WAIT).until(() -> "STALE".equals(api.gatewayStatus(id)));
            long staleAlert = await().atMost(WAIT)
                    .until(() -> alerts(id, "?state=open&kind=stale"), open -> open.size() == 1)
                    .get(0).get("id").asLong();

            // a late report of an older connection is kept in the history but proves nothing
            report(gateway, id, "s1");
            awaitReports(id, 1);
            assertThat(api.gatewayStatus(id)).isEqualTo("STALE");

            // The current connection's report brings it back (the history below shows it) and resolves
            // its alert. Not "ONLINE, then no open alert": 5 s later it can be stale again, with a new
            // alert, before a poll sees the moment between.
            report(gateway, id, "s2");
            awaitReports(id, 2);
            await().atMost(WAIT).until(() -> alerts(id, "?state=resolved&kind=stale").stream()
                    .anyMatch(alert -> alert.get("id").asLong() == staleAlert));
            assertThat(alerts(id, "")).as("never an alert of another kind")
                    .allMatch(alert -> "STALE".equals(alert.get("kind").asString()));

            List<JsonNode> history = new ArrayList<>();
            api.get("/api/gateways/" + id + "/presence").forEach(history::add);
            // Newest first; a slow run may already have found the gateway silent again since.
            assertThat(history).extracting(t -> (t.has("from") ? t.get("from").asString() : "") + ">"
                            + t.get("to").asString() + " " + t.get("reason").asString())
                    .endsWith("STALE>ONLINE activity", "ONLINE>STALE silent for more than 5 s", ">ONLINE birth");
        }
    }
}
