package fr.mutualis.fleet.health;

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
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The health history through the API (paging, filters, errors), and the scheduled retention of
 * health reports, presence history, ended sessions and resolved alerts, on the real database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mutualis.presence.health-retention=1d",
        "mutualis.presence.history-retention=2d",
        "mutualis.presence.purge-interval=300ms"})
@DirtiesContext
class HealthHistoryIT {

    private static final String COMMUNE = "29019";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "health-history");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @Autowired
    JdbcClient jdbc;

    private FleetApi api;

    private FleetApi api() {
        if (api == null) {
            api = FleetApi.asAdmin(fleetContext, httpPort);
        }
        return api;
    }

    private static FakeGateway born(String id, String session) throws MqttException {
        FakeGateway gateway = new FakeGateway(brokerUrl, id).connectWithWill(topic(COMMUNE, id, Channel.STATE),
                death(id, COMMUNE, session, "connection-lost"));
        gateway.publishRetained(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, session));
        return gateway;
    }

    private static void report(FakeGateway gateway, String id, String session, double diskFree, long depth,
                               double oldestAge) throws MqttException {
        gateway.publish(topic(COMMUNE, id, Channel.HEALTH), health(id, COMMUNE, session, metrics(diskFree, depth, oldestAge)));
    }

    private JsonNode page(String id, String query) throws IOException, InterruptedException {
        return api().get("/api/gateways/" + id + "/health" + query);
    }

    private static List<Long> depths(JsonNode page) {
        return StreamSupport.stream(page.spliterator(), false)
                .map(report -> report.get("storeDepth").asLong()).toList();
    }

    @Test
    void everyReportIsKeptAndServedNewestFirstPageByPage() throws Exception {
        String id = "gw-health-pages";
        try (FakeGateway gateway = born(id, "s1")) {
            for (int depth = 1; depth <= 5; depth++) {
                report(gateway, id, "s1", 25.0, depth, depth * 10.0);
            }
            await().atMost(WAIT).until(() -> page(id, "").size() == 5);
        }
        JsonNode all = page(id, "");
        assertThat(depths(all)).containsExactly(5L, 4L, 3L, 2L, 1L);
        JsonNode newest = all.get(0);
        assertThat(newest.get("session").asString()).isEqualTo("s1");
        assertThat(newest.get("diskFreePercent").asDouble()).isEqualTo(25.0);
        assertThat(newest.get("temperatureCelsius").asDouble()).isEqualTo(41.5);
        assertThat(newest.get("heapMaxBytes").asDouble()).isEqualTo(6.7e7);
        assertThat(newest.at("/store/normal/depth").asLong()).isEqualTo(5);
        assertThat(newest.at("/store/normal/oldestAgeSeconds").asDouble()).isEqualTo(50.0);
        assertThat(newest.get("storeOldestAgeSeconds").asDouble()).isEqualTo(50.0);
        assertThat(newest.get("uplinkConnected").asBoolean()).isTrue();
        assertThat(newest.at("/software/fr.mutualis.gateway.core").asString()).as("from the session's birth")
                .isEqualTo("0.1.0.test");
        assertThat(newest.has("cpuPercent")).as("not reported, so absent").isFalse();

        JsonNode first = page(id, "?limit=2");
        assertThat(depths(first)).containsExactly(5L, 4L);
        JsonNode second = page(id, "?limit=2&to=" + first.get(1).get("receivedAt").asString());
        assertThat(depths(second)).containsExactly(3L, 2L);
        JsonNode third = page(id, "?limit=2&to=" + second.get(1).get("receivedAt").asString());
        assertThat(depths(third)).containsExactly(1L);
        assertThat(depths(page(id, "?from=" + all.get(2).get("receivedAt").asString()))).containsExactly(5L, 4L, 3L);

        assertThat(api().status("/api/gateways/" + id + "/health?limit=0")).isEqualTo(400);
        assertThat(api().status("/api/gateways/" + id + "/health?limit=1001")).isEqualTo(400);
        assertThat(api().status("/api/gateways/" + id + "/health?from=yesterday")).isEqualTo(400);
        assertThat(api().status("/api/gateways/" + id + "/health?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"))
                .isEqualTo(400);
        assertThat(api().status("/api/gateways/gw-nobody/health")).isEqualTo(404);
        assertThat(api().status("/api/gateways/gw-nobody/presence")).isEqualTo(404);
    }

    @Test
    void theScheduledPurgeDeletesWhatIsOlderThanItsRetentionAndNothingElse() throws Exception {
        String id = "gw-health-retention";
        try (FakeGateway gateway = born(id, "s1")) {
            gateway.publishRetained(topic(COMMUNE, id, Channel.STATE), birth(id, COMMUNE, "s2"));
            report(gateway, id, "s2", 50.0, 0, 0);
            report(gateway, id, "s2", 50.0, 0, 0);
            report(gateway, id, "s2", 1.0, 0, 0);
            report(gateway, id, "s2", 50.0, 0, 0);
            report(gateway, id, "s2", 50.0, 0, 9999);
            await().atMost(WAIT).until(() -> page(id, "").size() == 5);
        }
        assertThat(api().get("/api/gateways/" + id + "/alerts")).extracting(a -> a.get("kind").asString() + " "
                + a.get("state").asString()).containsExactly("BACKLOG OPEN", "DISK_NEARLY_FULL RESOLVED");

        // Age everything but the newest report past the health retention (1 day), the first birth,
        // the superseded session s1 and both alerts past the history retention (2 days); the open
        // session s2 looks old too but is still open.
        jdbc.sql("""
                UPDATE health_report SET received_at = received_at - interval '25 hours'
                WHERE gateway_id = :id AND id < (SELECT max(id) FROM health_report WHERE gateway_id = :id)
                """).param("id", id).update();
        jdbc.sql("""
                UPDATE presence_transition SET at = at - interval '3 days'
                WHERE id = (SELECT min(id) FROM presence_transition WHERE gateway_id = :id)
                """).param("id", id).update();
        jdbc.sql("""
                UPDATE gateway_session SET first_seen_at = first_seen_at - interval '3 days',
                    born_at = born_at - interval '3 days', ended_at = ended_at - interval '3 days'
                WHERE gateway_id = :id
                """).param("id", id).update();
        jdbc.sql("""
                UPDATE alert SET opened_at = opened_at - interval '3 days', resolved_at = resolved_at - interval '3 days'
                WHERE gateway_id = :id
                """).param("id", id).update();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM health_report WHERE gateway_id = :id", id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM presence_transition WHERE gateway_id = :id", id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM gateway_session WHERE gateway_id = :id", id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM alert WHERE gateway_id = :id", id)).isEqualTo(1);
        });
        assertThat(depths(page(id, ""))).hasSize(1);
        assertThat(page(id, "").get(0).get("storeOldestAgeSeconds").asDouble()).isEqualTo(9999.0);
        assertThat(api().get("/api/gateways/" + id + "/presence")).extracting(t -> t.get("session").asString())
                .containsExactly("s2");
        assertThat(jdbc.sql("SELECT session FROM gateway_session WHERE gateway_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("s2");
        assertThat(api().get("/api/gateways/" + id + "/alerts")).extracting(a -> a.get("kind").asString() + " "
                + a.get("state").asString()).containsExactly("BACKLOG OPEN");
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }
}
