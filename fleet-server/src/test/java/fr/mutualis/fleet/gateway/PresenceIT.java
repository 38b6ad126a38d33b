package fr.mutualis.fleet.gateway;

import static fr.mutualis.fleet.mqtt.ContractMessages.birth;
import static fr.mutualis.fleet.mqtt.ContractMessages.death;
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

/** Presence rules through the real broker and database that the storm test does not single out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mutualis.presence.stale-after=2s",
        "mutualis.presence.sweep-interval=200ms"})
@DirtiesContext
class PresenceIT {

    @Autowired
    GatewayMessageSubscriber fleetSubscriber;

    /** Messages published before the fleet's subscription reach nobody: start once it is in place. */
    @BeforeEach
    void awaitTheFleetsSubscription() {
        await().atMost(Duration.ofSeconds(30)).until(fleetSubscriber::isSubscribed);
    }

    private static final String COMMUNE = "56260";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "presence");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    private FleetApi api;

    private FleetApi api() {
        if (api == null) {
            api = FleetApi.asAdmin(fleetContext, httpPort);
        }
        return api;
    }

    private List<String> history(String id) throws IOException, InterruptedException {
        List<String> transitions = new ArrayList<>();
        for (JsonNode t : api().get("/api/gateways/" + id + "/presence")) {
            transitions.add((t.has("from") ? t.get("from").asString() : "") + ">" + t.get("to").asString() + " "
                    + t.get("reason").asString());
        }
        return transitions;
    }

    private List<String> connectionHistory(String id) throws IOException, InterruptedException {
        return history(id).stream().filter(transition -> !transition.contains("silent for")).toList();
    }

    @Test
    void readingsAreASignOfLifeThatBringsAStaleGatewayBack() throws Exception {
        String id = "gw-presence-readings";
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connectWithWill(topic(COMMUNE, id, Channel.STATE),
                death(id, COMMUNE, "s1", "connection-lost"))) {
            gateway.publishRetained(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, "s1"));
            await().atMost(WAIT).until(() -> "STALE".equals(api().gatewayStatus(id)));
            JsonNode stale = api().get("/api/gateways/" + id);
            assertThat(stale.get("statusReason").asString()).isEqualTo("silent for more than 2 s");
            assertThat(stale.get("statusDurationSeconds").asLong()).isGreaterThanOrEqualTo(0);

            gateway.publish(topic(COMMUNE, id, Channel.UP), """
                    {"v":1,"gatewayId":"%s","commune":"%s","readings":[{"seq":1,"receivedAt":"2026-11-22T10:00:00Z",
                     "late":false,"priority":"NORMAL","payload":"QAE="}]}""".formatted(id, COMMUNE));
            // Not "until ONLINE": the sweep finds it silent again 2 s later, and a poll may come after
            // that. The reading's transition stays in the history.
            await().atMost(WAIT).untilAsserted(() -> assertThat(history(id)).contains("STALE>ONLINE activity"));
        }
    }

    @Test
    void aDeathHandledBeforeItsBirthKeepsTheLateBirthFromBringingTheGatewayOnline() throws Exception {
        String id = "gw-presence-reordered";
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connect()) {
            gateway.publish(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, "s1"));
            gateway.publish(topic(COMMUNE, id, Channel.STATE), death(id, COMMUNE, "s2", "connection-lost"));
            gateway.publish(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, "s2"));
            gateway.publish(topic(COMMUNE, id, Channel.STATE), death(id, COMMUNE, "s1", "connection-lost"));
            // a marker: a new connection, handled after everything above
            gateway.publish(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, "s3"));
            // Without the sweep's "silent" transitions, which a slow run can add after the last birth.
            await().atMost(WAIT).until(() -> connectionHistory(id).size() == 3);
            assertThat(connectionHistory(id)).as("s2 was never online")
                    .containsExactly("OFFLINE>ONLINE birth", "ONLINE>OFFLINE connection-lost", ">ONLINE birth");
        }
    }
}
