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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Alerts opening and resolving themselves from real messages through the embedded broker, stored
 * in PostgreSQL and read through the API, with short thresholds. Staleness has its own class
 * ({@link StaleAlertIT}): with a stale threshold of seconds, any slow step here would open a stale
 * alert beside the ones these tests count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mutualis.presence.stale-after=10m",
        "mutualis.presence.sweep-interval=200ms",
        "mutualis.alerts.evaluation-interval=200ms",
        "mutualis.alerts.offline-after=2s",
        "mutualis.alerts.backlog-rising-reports=3",
        "mutualis.alerts.backlog-oldest-age=10m",
        "mutualis.alerts.disk-free-below-percent=10"})
@DirtiesContext
class AlertsIT {

    @Autowired
    GatewayMessageSubscriber fleetSubscriber;

    /** Messages published before the fleet's subscription reach nobody: start once it is in place. */
    @BeforeEach
    void awaitTheFleetsSubscription() {
        await().atMost(Duration.ofSeconds(30)).until(fleetSubscriber::isSubscribed);
    }

    private static final String COMMUNE = "35238";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "alerts");
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

    /** A gateway connected as the agent connects: last will registered, birth published. */
    private static FakeGateway born(String commune, String id, String session) throws MqttException {
        FakeGateway gateway = new FakeGateway(brokerUrl, id).connectWithWill(topic(commune, id, Channel.STATE),
                death(id, commune, session, "connection-lost"));
        gateway.publishRetained(topic(commune, id, Channel.STATE), birth(id, commune, session));
        return gateway;
    }

    private static void report(FakeGateway gateway, String commune, String id, String session, double diskFreePercent,
                               long depth, double oldestAge) throws MqttException {
        gateway.publish(topic(commune, id, Channel.HEALTH),
                health(id, commune, session, metrics(diskFreePercent, depth, oldestAge)));
    }

    private List<JsonNode> alerts(String id, String query) throws IOException, InterruptedException {
        List<JsonNode> alerts = new ArrayList<>();
        api().get("/api/gateways/" + id + "/alerts" + query).forEach(alerts::add);
        return alerts;
    }

    private int healthReports(String id) throws IOException, InterruptedException {
        return api().get("/api/gateways/" + id + "/health").size();
    }

    /** Reports are handled in order: once the n-th is in the history, the alerts it caused are there too. */
    private void awaitReports(String id, int count) {
        await().atMost(WAIT).until(() -> healthReports(id) >= count);
    }

    @Test
    void aNearlyFullDiskOpensOneAlertHoweverManyReportsSayItAndResolvesWhenSpaceIsFreed() throws Exception {
        String id = "gw-alert-disk-" + IDS.incrementAndGet();
        try (FakeGateway gateway = born(COMMUNE, id, "s1")) {
            for (int i = 0; i < 3; i++) {
                report(gateway, COMMUNE, id, "s1", 4.0, 0, 0);
            }
            awaitReports(id, 3);
            List<JsonNode> open = alerts(id, "?state=open");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).get("kind").asString()).isEqualTo("DISK_NEARLY_FULL");
            assertThat(open.get(0).get("detail").asString()).isEqualTo("4.0 % free of 32.0 GB (alert below 10 %)");

            report(gateway, COMMUNE, id, "s1", 50.0, 0, 0);
            awaitReports(id, 4);
            assertThat(alerts(id, "?state=open")).isEmpty();
            JsonNode resolved = alerts(id, "?state=resolved").get(0);
            assertThat(resolved.get("state").asString()).isEqualTo("RESOLVED");
            assertThat(Instant.parse(resolved.get("resolvedAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(resolved.get("openedAt").asString()));

            // the condition returns: a new alert, the old one stays resolved
            report(gateway, COMMUNE, id, "s1", 2.0, 0, 0);
            awaitReports(id, 5);
            assertThat(alerts(id, "")).extracting(a -> a.get("state").asString()).containsExactly("OPEN", "RESOLVED");
        }
    }

    @Test
    void aBacklogAlertOpensAfterTheDepthRoseInNConsecutiveReportsAndResolvesWhenItStops() throws Exception {
        String id = "gw-alert-backlog-" + IDS.incrementAndGet();
        try (FakeGateway gateway = born(COMMUNE, id, "s1")) {
            long[] depths = {10, 20, 30};
            for (long depth : depths) {
                report(gateway, COMMUNE, id, "s1", 50.0, depth, 60);
            }
            awaitReports(id, 3);
            assertThat(alerts(id, "")).as("two rises only").isEmpty();

            report(gateway, COMMUNE, id, "s1", 50.0, 40, 60);
            report(gateway, COMMUNE, id, "s1", 50.0, 50, 60);
            awaitReports(id, 5);
            List<JsonNode> open = alerts(id, "?state=open&kind=backlog");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).get("detail").asString())
                    .isEqualTo("store depth rose in each of the last 3 reports, from 10 to 40");

            report(gateway, COMMUNE, id, "s1", 50.0, 50, 60);
            awaitReports(id, 6);
            assertThat(alerts(id, "?state=open")).isEmpty();

            // the oldest reading alone, depth steady
            report(gateway, COMMUNE, id, "s1", 50.0, 50, 700);
            awaitReports(id, 7);
            assertThat(alerts(id, "?state=open")).extracting(a -> a.get("detail").asString())
                    .containsExactly("oldest buffered reading 700 s old (alert above 600 s)");
            report(gateway, COMMUNE, id, "s1", 50.0, 0, 0);
            awaitReports(id, 8);
            assertThat(alerts(id, "?state=open")).isEmpty();
            assertThat(alerts(id, "?state=resolved")).hasSize(2);
        }
    }

    @Test
    void anOfflineAlertOpensOnceTheGatewayIsOfflineLongerThanTheThresholdAndResolvesAtItsReturn() throws Exception {
        String id = "gw-alert-offline-" + IDS.incrementAndGet();
        try (FakeGateway gateway = born(COMMUNE, id, "s1")) {
            await().atMost(WAIT).until(() -> "ONLINE".equals(api().gatewayStatus(id)));
            gateway.dieAbruptly();
        }
        await().atMost(WAIT).until(() -> "OFFLINE".equals(api().gatewayStatus(id)));
        await().atMost(WAIT).until(() -> alerts(id, "?state=open&kind=offline").size() == 1);
        JsonNode offline = api().get("/api/gateways/" + id);
        JsonNode alert = alerts(id, "?state=open").get(0);
        assertThat(alert.get("detail").asString()).isEqualTo("offline (connection-lost) for more than 2 s");
        assertThat(Instant.parse(alert.get("openedAt").asString()))
                .as("opened when the threshold was crossed, not when the sweep noticed")
                .isEqualTo(Instant.parse(offline.get("statusChangedAt").asString()).plusSeconds(2));

        try (FakeGateway reconnected = born(COMMUNE, id, "s2")) {
            assertThat(reconnected.isConnected()).isTrue();
            await().atMost(WAIT).until(() -> alerts(id, "?state=open").isEmpty());
            JsonNode resolved = alerts(id, "?state=resolved").get(0);
            JsonNode online = api().get("/api/gateways/" + id);
            assertThat(online.get("status").asString()).isEqualTo("ONLINE");
            assertThat(resolved.get("resolvedAt").asString()).as("resolved when the gateway came back")
                    .isEqualTo(online.get("statusChangedAt").asString());
        }
    }

    @Test
    void theFleetListFiltersByCommuneStateAndKindAndPagesNewestFirst() throws Exception {
        String rennes = "gw-alert-list-" + IDS.incrementAndGet();
        String brest = "gw-alert-list-" + IDS.incrementAndGet();
        try (FakeGateway a = born("35238", rennes, "s1"); FakeGateway b = born("29019", brest, "s1")) {
            report(a, "35238", rennes, "s1", 1.0, 0, 0);
            report(b, "29019", brest, "s1", 1.0, 0, 0);
            report(b, "29019", brest, "s1", 1.0, 0, 9999);
            awaitReports(rennes, 1);
            awaitReports(brest, 2);

            JsonNode brestAlerts = api().get("/api/alerts?commune=29019&state=open");
            assertThat(brestAlerts).extracting(n -> n.get("gatewayId").asString()).containsOnly(brest);
            assertThat(brestAlerts).extracting(n -> n.get("kind").asString())
                    .containsExactly("BACKLOG", "DISK_NEARLY_FULL");
            assertThat(brestAlerts).extracting(n -> n.get("commune").asString()).containsOnly("29019");
            assertThat(api().get("/api/alerts?commune=29019&kind=DISK_NEARLY_FULL")).hasSize(1);

            JsonNode firstPage = api().get("/api/alerts?commune=29019&limit=1");
            assertThat(firstPage).hasSize(1);
            JsonNode secondPage = api().get("/api/alerts?commune=29019&limit=1&before=" + firstPage.get(0).get("id").asLong());
            assertThat(secondPage).extracting(n -> n.get("kind").asString()).containsExactly("DISK_NEARLY_FULL");

            assertThat(api().status("/api/alerts?state=closed")).isEqualTo(400);
            assertThat(api().status("/api/alerts?kind=fire")).isEqualTo(400);
            assertThat(api().status("/api/alerts?limit=0")).isEqualTo(400);
            assertThat(api().status("/api/gateways/gw-nobody/alerts")).isEqualTo(404);
        }
    }
}
