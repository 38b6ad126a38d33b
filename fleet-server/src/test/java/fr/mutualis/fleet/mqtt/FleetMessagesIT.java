package fr.mutualis.fleet.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.gateway.GatewayView;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.TestFleet;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fleet's handling of gateway messages through the real embedded broker and PostgreSQL:
 * presence ordering, idempotent readings, contract violations, and the broker's confinement of
 * each gateway to its own topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FleetMessagesIT {

    @Autowired
    GatewayMessageSubscriber fleetSubscriber;

    /** Messages published before the fleet's subscription reach nobody: start once it is in place. */
    @BeforeEach
    void awaitTheFleetsSubscription() {
        await().atMost(Duration.ofSeconds(30)).until(fleetSubscriber::isSubscribed);
    }

    private static String brokerUrl;
    private static final AtomicInteger IDS = new AtomicInteger();

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "fleet-messages");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @Autowired
    GatewayDirectory gateways;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    BrokerCredentials fleetCredentials;


    private static String newId() {
        return "gw-msg-" + IDS.incrementAndGet();
    }

    private static String topic(String gatewayId, String channel) {
        return "mutualis/v1/35238/" + gatewayId + "/" + channel;
    }

    private static String state(String gatewayId, String status, String session, String reason) {
        return """
                {"v":1,"gatewayId":"%s","commune":"35238","status":"%s","session":"%s",
                 "at":"2026-11-22T10:00:00Z","reason":"%s","software":{}}""".formatted(gatewayId, status, session, reason);
    }

    private static String batch(String gatewayId, long... seqs) {
        StringBuilder readings = new StringBuilder();
        for (long seq : seqs) {
            if (!readings.isEmpty()) {
                readings.append(',');
            }
            readings.append("""
                    {"seq":%d,"receivedAt":"2026-11-22T10:00:0%d.000001Z","late":false,"priority":"NORMAL","payload":"QAE="}"""
                    .formatted(seq, seq % 10));
        }
        return """
                {"v":1,"gatewayId":"%s","commune":"35238","readings":[%s]}""".formatted(gatewayId, readings);
    }

    private GatewayView awaitGateway(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> gateways.find(CommuneScope.everything(), id).isPresent());
        return gateways.find(CommuneScope.everything(), id).orElseThrow();
    }

    private double rejected(String reason) {
        var counter = meters.find("mutualis.mqtt.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aLastWillOfAnOlderSessionDoesNotMarkAReconnectedGatewayOffline() throws Exception {
        String id = newId();
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connect()) {
            gateway.publish(topic(id, "state"), state(id, "ONLINE", "s1", "birth"));
            gateway.publish(topic(id, "state"), state(id, "ONLINE", "s2", "birth"));
            gateway.publish(topic(id, "state"), state(id, "OFFLINE", "s1", "connection-lost"));
            gateway.publish(topic(id, "up"), batch(id, 1)); // a marker: everything before it is processed

            await().atMost(Duration.ofSeconds(20)).until(() -> gateways.find(CommuneScope.everything(), id).map(GatewayView::readingCount).orElse(0L) == 1);
            assertThat(gateways.find(CommuneScope.everything(), id).orElseThrow().status()).isEqualTo("ONLINE");
        }
    }

    @Test
    void aLateDuplicateBirthOfADeadSessionDoesNotReviveTheGateway() throws Exception {
        String id = newId();
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connect()) {
            gateway.publish(topic(id, "state"), state(id, "ONLINE", "s1", "birth"));
            gateway.publish(topic(id, "state"), state(id, "OFFLINE", "s1", "shutdown"));
            gateway.publish(topic(id, "state"), state(id, "ONLINE", "s1", "birth"));
            gateway.publish(topic(id, "up"), batch(id, 1));

            await().atMost(Duration.ofSeconds(20)).until(() -> gateways.find(CommuneScope.everything(), id).map(GatewayView::readingCount).orElse(0L) == 1);
            GatewayView view = gateways.find(CommuneScope.everything(), id).orElseThrow();
            assertThat(view.status()).isEqualTo("OFFLINE");
            assertThat(view.statusReason()).isEqualTo("shutdown");
        }
    }

    @Test
    void redeliveredReadingsAreStoredOnce() throws Exception {
        String id = newId();
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connect()) {
            gateway.publish(topic(id, "up"), batch(id, 1, 2, 3));
            gateway.publish(topic(id, "up"), batch(id, 2, 3, 4));
            gateway.publish(topic(id, "up"), batch(id, 1, 2, 3, 4));
            gateway.publish(topic(id, "up"), batch(id, 5)); // a marker: the batches before it are handled first

            awaitGateway(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM reading WHERE gateway_id = :id AND seq = 5")
                    .param("id", id).query(Long.class).single() == 1);
            assertThat(jdbc.sql("SELECT count(*) FROM reading WHERE gateway_id = :id AND seq <= 4").param("id", id)
                    .query(Long.class).single()).isEqualTo(4);
            assertThat(gateways.find(CommuneScope.everything(), id).orElseThrow().readingCount()).isEqualTo(5);
            assertThat(gateways.find(CommuneScope.everything(), id).orElseThrow().status()).as("no birth seen yet").isEqualTo("OFFLINE");
        }
    }

    @Test
    void coverageShowsReceivedAndMissingSequenceRanges() throws Exception {
        String id = newId();
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connect()) {
            gateway.publish(topic(id, "up"), batch(id, 2, 3, 4, 8, 9, 11));

            await().atMost(Duration.ofSeconds(20)).until(() -> gateways.find(CommuneScope.everything(), id).map(GatewayView::readingCount).orElse(0L) == 6);
            var coverage = FleetApi.asAdmin(fleetContext, httpPort).get("/api/gateways/" + id + "/readings/coverage");
            assertThat(coverage.get("stored").asLong()).isEqualTo(6);
            assertThat(coverage.get("highest").asLong()).isEqualTo(11);
            assertThat(coverage.get("received").toString())
                    .isEqualTo("[{\"from\":2,\"to\":4},{\"from\":8,\"to\":9},{\"from\":11,\"to\":11}]");
            assertThat(coverage.get("missing").toString())
                    .isEqualTo("[{\"from\":1,\"to\":1},{\"from\":5,\"to\":7},{\"from\":10,\"to\":10}]");
        }
    }

    @Test
    void contractViolationsAreCountedByReasonAndDropped() throws Exception {
        String id = newId();
        double mismatches = rejected("identity-mismatch");
        double badJson = rejected("bad-json");
        double versions = rejected("unsupported-version");
        try (FakeGateway gateway = new FakeGateway(brokerUrl, id).connect()) {
            gateway.publish(topic(id, "up"), batch("gw-someone-else", 1));
            gateway.publish(topic(id, "up"), "{\"v\":1,\"readings\":[{\"seq\":");
            gateway.publish(topic(id, "up"), batch(id, 1).replace("\"v\":1", "\"v\":9"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(rejected("identity-mismatch")).isEqualTo(mismatches + 1);
                assertThat(rejected("bad-json")).isEqualTo(badJson + 1);
                assertThat(rejected("unsupported-version")).isEqualTo(versions + 1);
            });
            assertThat(gateways.find(CommuneScope.everything(), id)).isEmpty();
            assertThat(gateways.find(CommuneScope.everything(), "gw-someone-else")).isEmpty();
        }
    }

    @Test
    void theEmbeddedBrokerConfinesEachGatewayToItsOwnTopics() throws Exception {
        String intruder = newId();
        String victim = newId();
        try (FakeGateway gateway = new FakeGateway(brokerUrl, intruder).connect()) {
            assertThat(gateway.subscribe("mutualis/v1/#")).as("SUBACK for everything").isGreaterThanOrEqualTo(0x80);
            assertThat(gateway.subscribe(topic(victim, "#"))).as("SUBACK for another gateway").isGreaterThanOrEqualTo(0x80);
            assertThat(gateway.subscribe(topic(intruder, "#"))).as("SUBACK for its own prefix").isEqualTo(1);

            int puback;
            try {
                puback = gateway.publish(topic(victim, "up"), batch(victim, 1));
            } catch (MqttException disconnected) {
                puback = 0x87;
            }
            assertThat(puback).as("PUBACK on another gateway's topic").isGreaterThanOrEqualTo(0x80);
        }
        // A marker on the intruder's own topic: once it is stored, anything the broker had let through is too.
        try (FakeGateway gateway = new FakeGateway(brokerUrl, intruder).connect()) {
            gateway.publish(topic(intruder, "up"), batch(intruder, 1));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> gateways.find(CommuneScope.everything(), intruder).map(GatewayView::readingCount).orElse(0L) == 1);
        assertThat(gateways.find(CommuneScope.everything(), victim)).as("nothing reached the fleet in the victim's name").isEmpty();
    }

    @Test
    void theBrokerRefusesInvalidClientIdsAndTheFleetIdWithoutItsSecret() throws Exception {
        try (FakeGateway notAGateway = new FakeGateway(brokerUrl, "Not/A+Gateway")) {
            assertThatThrownBy(notAGateway::connect).isInstanceOf(MqttException.class);
        }
        try (FakeGateway impostor = new FakeGateway(brokerUrl, fleetCredentials.clientId())) {
            assertThatThrownBy(() -> impostor.connect(fleetCredentials.username(), "guessed"))
                    .isInstanceOf(MqttException.class);
        }
    }
}
