package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.AttributeSchema;
import fr.mutualis.contract.AttributeType;
import fr.mutualis.contract.Channel;
import fr.mutualis.contract.ConfigurationOutcome;
import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.ReportedComponent;
import fr.mutualis.contract.Topics;
import fr.mutualis.fleet.testsupport.MessageCallback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lightweight gateway speaking the real configuration contract over MQTT: a persistent session
 * with its will, a retained birth, a subscription to its retained {@code config} topic, and a
 * {@link ConfigurationReport} with its schema at connect and after each desired version — applied,
 * or, for a faulty one, rolled back with a reason. For fleet-side scale tests; the real agent is
 * tested end to end with real gateway processes.
 */
final class ConfiguredFakeGateway {

    static final String HEALTH = "fr.mutualis.gateway.health";
    static final String PIPELINE = "fr.mutualis.gateway.pipeline";
    static final List<ReportedComponent> SCHEMA = List.of(
            new ReportedComponent(HEALTH, "Health reporting", null, List.of(new AttributeSchema("intervalSeconds",
                    "Interval (s)", null, AttributeType.INTEGER, 0, true, "1", null, List.of("30"), null)), null),
            new ReportedComponent(PIPELINE, "Filter pipeline", null, List.of(new AttributeSchema("dedupeWindowMillis",
                    "Deduplication window (ms)", null, AttributeType.INTEGER, 0, true, "0", "60000", List.of("200"), null)),
                    null));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String id;
    final String commune;
    private final String brokerUrl;
    private final boolean faulty;
    private final ExecutorService replies;
    private MqttAsyncClient client;
    private String session;
    private long appliedVersion;
    private long attemptedVersion;
    private ConfigurationOutcome outcome = ConfigurationOutcome.NONE;
    private String error;
    private Map<String, Map<String, Object>> values = new TreeMap<>();

    ConfiguredFakeGateway(String brokerUrl, String id, String commune, boolean faulty, ExecutorService replies) {
        this.brokerUrl = brokerUrl;
        this.id = id;
        this.commune = commune;
        this.faulty = faulty;
        this.replies = replies;
    }

    synchronized void connect() throws MqttException {
        session = UUID.randomUUID().toString();
        client = new MqttAsyncClient(brokerUrl, id, new MemoryPersistence());
        client.setCallback((MessageCallback) (topic, payload) -> {
            DesiredConfiguration desired = JSON.readValue(payload, DesiredConfiguration.class);
            // Never publish (and wait) on Paho's callback thread.
            replies.execute(() -> apply(desired));
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(30);
        options.setWill(topic(Channel.STATE), new MqttMessage(JSON.writeValueAsBytes(GatewayState.death(id, commune,
                session, Instant.now(), GatewayState.REASON_CONNECTION_LOST)), 1, true, new MqttProperties()));
        client.connect(options).waitForCompletion(30_000);
        client.publish(topic(Channel.STATE), JSON.writeValueAsBytes(GatewayState.birth(id, commune, session,
                Instant.now(), Map.of("fr.mutualis.config.agent", "0.1.0.test"))), 1, true).waitForCompletion(10_000);
        report();
        client.subscribe(topic(Channel.CONFIG), 1).waitForCompletion(10_000);
    }

    /** A clean shutdown: its death, then DISCONNECT (the session stays at the broker). */
    synchronized void shutdown() throws MqttException {
        client.publish(topic(Channel.STATE), JSON.writeValueAsBytes(GatewayState.death(id, commune, session,
                Instant.now(), GatewayState.REASON_SHUTDOWN)), 1, true).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(10_000);
        client.close();
        client = null;
    }

    synchronized boolean connected() {
        return client != null && client.isConnected();
    }

    private synchronized void apply(DesiredConfiguration desired) {
        if (desired.version() <= Math.max(appliedVersion, attemptedVersion) || client == null) {
            return; // the same version again (retained, on each subscription) changes nothing
        }
        attemptedVersion = desired.version();
        if (faulty) {
            outcome = ConfigurationOutcome.ROLLED_BACK;
            error = "health check failed within 30 s: component fr.mutualis.gateway.health.HealthReporter "
                    + "failed activation: simulated";
        } else {
            appliedVersion = desired.version();
            outcome = ConfigurationOutcome.APPLIED;
            error = null;
            values = new TreeMap<>(desired.components());
        }
        try {
            report();
        } catch (MqttException e) {
            throw new IllegalStateException(id + " could not report", e);
        }
    }

    private void report() throws MqttException {
        List<ReportedComponent> components = new ArrayList<>();
        for (ReportedComponent schema : SCHEMA) {
            components.add(new ReportedComponent(schema.pid(), schema.name(), null, schema.attributes(),
                    values.getOrDefault(schema.pid(), Map.of())));
        }
        ConfigurationReport report = new ConfigurationReport(ConfigurationReport.VERSION, id, commune, Instant.now(),
                appliedVersion, attemptedVersion, outcome, error, components);
        client.publish(topic(Channel.CONFIG_STATE), JSON.writeValueAsBytes(report), 1, false).waitForCompletion(10_000);
    }

    private String topic(Channel channel) {
        return Topics.topic(commune, id, channel);
    }
}
