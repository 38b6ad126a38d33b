package fr.mutualis.fleet.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.ConfigurationOutcome;
import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.ReportedComponent;
import fr.mutualis.contract.Topics;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.testsupport.MessageCallback;
import fr.mutualis.fleet.testsupport.TestFleet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configuration is never seen or sent half-changed. What people read: reads race writes made as
 * fast as PostgreSQL takes them, so that nearly every read has a write landing between its
 * statements, and each read must still be consistent (each of these tests fails at its first few
 * reads when the read, or the write, is split over several transactions). What gateways get: a
 * superseded version never replaces a newer one as the retained message, and the versions that
 * gateways' own reports call for are published without holding up the fleet's MQTT client.
 */
@SpringBootTest
class ConfigurationConsistencyIT {

    private static final int READS = 1500;

    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "config-consistency");
    }

    @Autowired
    PushProgress pushes;
    @Autowired
    ReportedConfigurations reports;
    @Autowired
    DesiredConfigurations desired;
    @Autowired
    GatewayConfigurations gateways;
    @Autowired
    GatewayConfigurationController views;
    @Autowired
    ConfigurationPublisher publisher;
    @Autowired
    GatewayMessageSubscriber fleetLink;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPushsFailureListAlwaysMatchesItsFailedCountWhileReportsArrive() throws Exception {
        int count = 40;
        long version = 10;
        UUID push = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO config_push (id, kind, scope, revision, commune, actor, created_at)
                VALUES (:id, 'COMMUNE', '29021', 1, '29021', 'test', :now)
                """).param("id", push).param("now", Timestamp.from(Instant.now())).update();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "gw-snap-%02d".formatted(i);
            ids.add(id);
            insertGateway(id, "29021");
            jdbc.sql("INSERT INTO gateway_config (gateway_id, desired_version) VALUES (:id, :version)")
                    .param("id", id).param("version", version).update();
            pushes.addGateway(push, id, version);
        }
        PushProgress.Header header = pushes.header(push).orElseThrow();

        // Gateways refuse the version, then apply it on a retry, one row at a time, over and over.
        raceReadsWithWrites(round -> {
            boolean refuse = round % 2 == 0;
            for (String id : ids) {
                jdbc.sql("""
                        UPDATE gateway_config SET attempted_version = :version, applied_version = :applied,
                               outcome = :outcome, error = :error WHERE gateway_id = :id
                        """).param("version", version).param("applied", refuse ? 0 : version)
                        .param("outcome", refuse ? "REFUSED" : "APPLIED").param("error", refuse ? "simulated" : null)
                        .param("id", id).update();
            }
        }, read -> {
            PushProgress.View view = pushes.progress(header, CommuneScope.everything());
            assertThat(view.gateways()).isEqualTo(count);
            assertThat(view.failures()).as("read %d: failures listed against the failed count", read)
                    .hasSize((int) view.failed());
        });
    }

    @Test
    void aReportAndTheDriftItCausesAreStoredTogether() throws Exception {
        String id = "gw-drift-1";
        insertGateway(id, "29022");
        reports.onReport(report(id, "29022", 0, ConfigurationOutcome.NONE, Map.of()));
        PushProgress.View pushed = desired.updateLayer(new LayerId(LayerId.Kind.COMMUNE, "29022"),
                Map.of(ConfiguredFakeGateway.HEALTH, Map.of("intervalSeconds", 45)), "29022", new Actor("test"));
        assertThat(pushed.gateways()).isEqualTo(1);
        long version = gateways.state(id).orElseThrow().desiredVersion();
        ConfigurationReport applied = report(id, "29022", version, ConfigurationOutcome.APPLIED,
                Map.of(ConfiguredFakeGateway.HEALTH, Map.of("intervalSeconds", 45)));
        ConfigurationReport restarted = report(id, "29022", 0, ConfigurationOutcome.NONE, Map.of());
        // Drift is measured at reports: the one before the push measured none.
        reports.onReport(restarted);

        // The gateway applies the version, comes back from a factory reset without it, applies it again...
        raceReadsWithWrites(round -> reports.onReport(round % 2 == 0 ? applied : restarted), read -> {
            Map<String, Object> row = jdbc.sql("SELECT applied_version, value_drift FROM gateway_config WHERE gateway_id = :id")
                    .param("id", id).query().singleRow();
            long appliedVersion = ((Number) row.get("applied_version")).longValue();
            assertThat(((Number) row.get("value_drift")).intValue())
                    .as("read %d: drift with applied version %d", read, appliedVersion)
                    .isEqualTo(appliedVersion == version ? 0 : 1);
        });
    }

    @Test
    void aGatewaysConfigurationViewNeverShowsAPublishedVersionAheadOfTheDesiredOne() throws Exception {
        String id = "gw-view-1";
        insertGateway(id, "29023");

        // Pushes follow each other: a new desired version, then the broker takes it.
        raceReadsWithWrites(round -> {
            GatewayConfigurations.Version next = gateways.newVersion(id, "29023",
                    Map.of(ConfiguredFakeGateway.HEALTH, Map.of("intervalSeconds", 30 + round % 60)), Instant.now());
            gateways.markPublished(id, next.version());
        }, read -> {
            GatewayConfigurationView view = views.configuration(id, CommuneScope.everything());
            if (view.publishedVersion() != null) {
                assertThat(view.publishedVersion()).as("read %d: published against desired", read)
                        .isLessThanOrEqualTo(view.desiredVersion());
            }
        });
    }

    @Test
    void aSupersededVersionIsNeverPublishedOverTheNewerOne() throws Exception {
        String id = "gw-pub-1";
        insertGateway(id, "29025");
        GatewayConfigurations.Version older = gateways.newVersion(id, "29025",
                Map.of(ConfiguredFakeGateway.HEALTH, Map.of("intervalSeconds", 31)), Instant.now());
        GatewayConfigurations.Version newer = gateways.newVersion(id, "29025",
                Map.of(ConfiguredFakeGateway.HEALTH, Map.of("intervalSeconds", 32)), Instant.now());

        // The older one was picked up for publication before the newer one existed, and goes out after it.
        await().atMost(Duration.ofSeconds(30)).until(fleetLink::isSubscribed);
        assertThat(publisher.publish(List.of(newer))).isEqualTo(1);
        assertThat(publisher.publish(List.of(older))).as("superseded version published").isZero();

        BlockingQueue<DesiredConfiguration> retained = new LinkedBlockingQueue<>();
        MqttAsyncClient reader = new MqttAsyncClient(brokerUrl, "gw-pub-1", new MemoryPersistence());
        reader.setCallback((MessageCallback) (topic, payload) -> retained.add(
                JsonMapper.builder().build().readValue(payload, DesiredConfiguration.class)));
        try {
            reader.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            reader.subscribe(Topics.topic("29025", id, Channel.CONFIG), 1).waitForCompletion(10_000);
            DesiredConfiguration kept = retained.poll(10, TimeUnit.SECONDS);
            assertThat(kept).as("the retained desired configuration").isNotNull();
            assertThat(kept.version()).isEqualTo(newer.version());
        } finally {
            reader.disconnect().waitForCompletion(5_000);
            reader.close();
        }
        assertThat(gateways.state(id).orElseThrow().publishedVersion()).isEqualTo(newer.version());
    }

    @Test
    void newGatewaysJoiningACommuneWithALayerGetItWithoutAnyPublicationTimingOut() throws Exception {
        String commune = "29026";
        await().atMost(Duration.ofSeconds(30)).until(fleetLink::isSubscribed);
        insertGateway("gw-join-seed", commune);
        reports.onReport(report("gw-join-seed", commune, 0, ConfigurationOutcome.NONE, Map.of()));
        desired.updateLayer(new LayerId(LayerId.Kind.COMMUNE, commune),
                Map.of(ConfiguredFakeGateway.HEALTH, Map.of("intervalSeconds", 40)), commune, new Actor("test"));
        double deferredBefore = publications("deferred");

        // Sixty gateways come up at once: each one's first report calls for a version of the commune's
        // layer, handled while the others' births and reports keep arriving.
        int joining = 60;
        ExecutorService replies = Executors.newFixedThreadPool(4);
        ExecutorService connecting = Executors.newFixedThreadPool(10);
        List<ConfiguredFakeGateway> fleet = new ArrayList<>();
        try {
            List<Future<?>> connected = new ArrayList<>();
            for (int i = 0; i < joining; i++) {
                ConfiguredFakeGateway gateway = new ConfiguredFakeGateway(brokerUrl, "gw-join-%02d".formatted(i), commune,
                        false, replies);
                fleet.add(gateway);
                connected.add(connecting.submit(() -> {
                    gateway.connect();
                    return null;
                }));
            }
            for (Future<?> each : connected) {
                each.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM gateway_config
                    WHERE gateway_id LIKE 'gw-join-%' AND gateway_id <> 'gw-join-seed'
                      AND desired_version IS NOT NULL AND applied_version = desired_version
                    """).query(Long.class).single() == joining);
            assertThat(publications("deferred") - deferredBefore)
                    .as("publications that timed out waiting for the broker").isZero();
        } finally {
            for (ConfiguredFakeGateway gateway : fleet) {
                if (gateway.connected()) {
                    gateway.shutdown();
                }
            }
            connecting.shutdownNow();
            replies.shutdownNow();
        }
    }

    private double publications(String result) {
        Counter counter = meters.find("mutualis.configuration.publications").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private interface Round {
        void write(long round) throws Exception;
    }

    private interface Read {
        void check(int read) throws Exception;
    }

    /** Writes round after round on another thread while reading READS times; each read must pass its check. */
    private static void raceReadsWithWrites(Round writes, Read reads) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong rounds = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                while (writing.get()) {
                    writes.write(rounds.getAndIncrement());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            for (int read = 0; read < READS; read++) {
                reads.check(read);
            }
        } finally {
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
        }
        // The reads above raced real changes, not a table at rest.
        assertThat(rounds.get()).as("write rounds during the reads").isGreaterThan(2);
    }

    private void insertGateway(String id, String commune) {
        jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at)
                VALUES (:id, :commune, 'ONLINE', 'birth', :now, :now, :now)
                """).param("id", id).param("commune", commune).param("now", Timestamp.from(Instant.now())).update();
    }

    private static ConfigurationReport report(String id, String commune, long version, ConfigurationOutcome outcome,
                                              Map<String, Map<String, Object>> values) {
        List<ReportedComponent> components = new ArrayList<>();
        for (ReportedComponent schema : ConfiguredFakeGateway.SCHEMA) {
            components.add(new ReportedComponent(schema.pid(), schema.name(), null, schema.attributes(),
                    values.getOrDefault(schema.pid(), Map.of())));
        }
        return new ConfigurationReport(ConfigurationReport.VERSION, id, commune, Instant.now(), version, version,
                outcome, null, components);
    }
}
