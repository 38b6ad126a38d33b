package fr.mutualis.gateway.uplink.mqtt;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.HealthReport;
import fr.mutualis.contract.LocalActionBatch;
import fr.mutualis.contract.Reading;
import fr.mutualis.contract.ReadingBatch;
import fr.mutualis.contract.Topics;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.api.ConfigurationReportSender;
import fr.mutualis.gateway.api.DesiredConfigurationListener;
import fr.mutualis.gateway.api.LocalActionSender;
import fr.mutualis.gateway.api.UpdateOrderListener;
import fr.mutualis.gateway.api.UpdateStatusSender;
import fr.mutualis.gateway.api.DownlinkTransmitter;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.UplinkException;
import fr.mutualis.gateway.api.UplinkTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The MQTT 5 link to the fleet broker (Eclipse Paho v5, embedded privately in this bundle so
 * that it can be swapped without touching any other bundle).
 *
 * <p>Each connection is a new <em>session</em> with its own id: the birth message announces it
 * and the last will, registered at connect, names it. This class reconnects by itself (Paho's
 * automatic reconnect would reuse the previous last will and so the previous session id),
 * with exponential backoff and full jitter so that a commune's gateways do not reconnect in step.
 *
 * <p>The gateway subscribes to its own {@code down} channel; downlinks received there go to
 * the concentrator through the {@link DownlinkTransmitter} and their outcome comes back on
 * {@code txack} ({@link DownlinkRelay}). It also subscribes to its {@code config} channel, where
 * the fleet keeps the desired configuration retained, and hands it to the
 * {@link DesiredConfigurationListener}s; their reports go back on {@code configstate}. The same
 * goes for the {@code update} channel (retained update order, to the {@link UpdateOrderListener}s,
 * progress back on {@code updatestate}). Local actions go out on {@code actions}.
 */
@Component(configurationPid = MqttUplink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {UplinkTransport.class, ConfigurationReportSender.class, UpdateStatusSender.class,
                LocalActionSender.class, MetricsSource.class})
@Designate(ocd = MqttUplink.Config.class)
public class MqttUplink implements UplinkTransport, ConfigurationReportSender, UpdateStatusSender, LocalActionSender,
        MetricsSource {

    /** Framework property the launcher sets to the release (bundle set) it started; announced at birth. */
    static final String RELEASE_PROPERTY = "mutualis.release";

    public static final String PID = "fr.mutualis.gateway.uplink.mqtt";

    @ObjectClassDefinition(name = "MQTT uplink", description = "Connection to the fleet's MQTT broker.")
    public @interface Config {
        @AttributeDefinition(name = "Broker URL", description = "tcp://host:1883, or ssl://host:8883 outside loopback.")
        String brokerUrl();

        @AttributeDefinition(name = "Keep-alive (s)",
                description = "The broker declares the gateway dead after 1.5 times this without traffic.", min = "2")
        int keepAliveSeconds() default 30;

        @AttributeDefinition(name = "Connect timeout (s)", min = "1")
        int connectTimeoutSeconds() default 10;

        @AttributeDefinition(name = "Maximum reconnect delay (s)", min = "1")
        int maxReconnectDelaySeconds() default 60;

        @AttributeDefinition(name = "CA certificates (PEM file)",
                description = "For ssl:// URLs: trust exactly these CAs (the syndicate's). Empty: the JVM's trust store.")
        String caCertificateFile() default "";

        @AttributeDefinition(name = "Client certificate chain (PEM file)",
                description = "For ssl:// URLs: this gateway's certificate then its issuing CA's, from enrolment.")
        String clientCertificateFile() default "";

        @AttributeDefinition(name = "Client private key (PEM file)",
                description = "The PKCS#8 key of the client certificate, generated on this gateway at enrolment.")
        String clientKeyFile() default "";

        @AttributeDefinition(name = "Session expiry (s)",
                description = "How long the broker keeps this gateway's session while it is disconnected.", min = "0")
        long sessionExpirySeconds() default 7 * 24 * 3600;

        @AttributeDefinition(name = "Downlink maximum age (s)",
                description = "A downlink that reaches the gateway longer than this after the fleet queued it "
                        + "(held by the broker during an outage) is not transmitted and reported TOO_LATE.", min = "1")
        int downlinkMaxAgeSeconds() default 600;
    }

    private final Logger log;
    private final GatewayIdentity identity;
    private final Config config;
    private final Map<String, String> software;
    private final SSLSocketFactory tlsSocketFactory;
    private final JsonCodec json = new JsonCodec();
    private volatile MqttAsyncClient client;
    private final Thread connector;
    private final Object connectionChanged = new Object();
    private volatile boolean running = true;
    private volatile String session = "";
    private volatile Instant connectedAt;
    private final BundleContext context;
    private final DownlinkRelay downlinks;
    private final ExecutorService downlinkResults;
    private final RetainedMessageRelay<DesiredConfiguration, DesiredConfigurationListener> desiredConfiguration;
    private final RetainedMessageRelay<UpdateOrder, UpdateOrderListener> updateOrders;
    private final String release;

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong connectionLosses = new AtomicLong();
    private final AtomicLong messagesPublished = new AtomicLong();
    private final AtomicLong readingsPublished = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong bytesPublished = new AtomicLong();

    @Activate
    public MqttUplink(Config config, BundleContext context, @Reference GatewayIdentity identity,
                      @Reference(service = LoggerFactory.class) Logger log) throws MqttException {
        this.config = config;
        this.identity = identity;
        this.log = log;
        this.software = installedSoftware(context);
        this.tlsSocketFactory = tlsSocketFactory(config);
        this.downlinkResults = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-downlink-results");
            thread.setDaemon(true);
            return thread;
        });
        this.context = context;
        this.downlinks = new DownlinkRelay(json, identity, this::transmitThroughIngest, this::publishDownlinkResult,
                downlinkResults, Clock.systemUTC(), Duration.ofSeconds(config.downlinkMaxAgeSeconds()), log::warn);
        this.desiredConfiguration = new RetainedMessageRelay<>("config", DesiredConfiguration.class, json,
                (listener, desired) -> desired.ifPresent(listener::desiredConfigurationReceived), log::warn);
        this.updateOrders = new RetainedMessageRelay<>("update", UpdateOrder.class, json,
                UpdateOrderListener::updateOrderReceived, log::warn);
        this.release = context.getProperty(RELEASE_PROPERTY);
        this.client = newClient();
        this.connector = new Thread(this::connectLoop, "mutualis-uplink");
        this.connector.setDaemon(true);
        this.connector.start();
    }

    /**
     * Hands a downlink to the packet-forwarder server, looked up when the downlink arrives rather
     * than held as a DS reference: ingest depends (through the pipeline and the store) on this
     * uplink, so a reference back would make a cycle that SCR may fail to activate at start-up.
     * Returns null when no packet-forwarder server is running.
     */
    private CompletableFuture<DownlinkResult> transmitThroughIngest(DownlinkRequest request) {
        ServiceReference<DownlinkTransmitter> reference = context.getServiceReference(DownlinkTransmitter.class);
        DownlinkTransmitter transmitter = reference == null ? null : context.getService(reference);
        if (transmitter == null) {
            return null;
        }
        return transmitter.transmit(request).whenComplete((result, failure) -> context.ungetService(reference));
    }

    /**
     * Dynamic: the configuration agent must survive this uplink being reconfigured (and so
     * restarted) by the very configuration it applies, and the reverse.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDesiredConfigurationListener")
    void addDesiredConfigurationListener(DesiredConfigurationListener listener) {
        desiredConfiguration.add(listener);
    }

    void removeDesiredConfigurationListener(DesiredConfigurationListener listener) {
        desiredConfiguration.remove(listener);
    }

    /** Dynamic for the same reason: the update agent outlives the uplink's restarts, and the reverse. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeUpdateOrderListener")
    void addUpdateOrderListener(UpdateOrderListener listener) {
        updateOrders.add(listener);
    }

    void removeUpdateOrderListener(UpdateOrderListener listener) {
        updateOrders.remove(listener);
    }

    /**
     * Immediate, so that the link lives as long as its configuration and identity, not as long as
     * its last user: a delayed component would be deactivated on the thread of whoever released
     * it last (the configuration agent's worker, interrupted as it stops), and would have to be
     * reconnected for each new user. Even so, an interrupted stop still says goodbye properly.
     */
    @Deactivate
    void deactivate() {
        running = false;
        synchronized (connectionChanged) {
            connectionChanged.notifyAll();
        }
        boolean interrupted = Thread.interrupted();
        try {
            connector.join(5_000);
            downlinkResults.shutdown();
            downlinkResults.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (client.isConnected()) {
            try {
                // A clean shutdown says so itself; a normal DISCONNECT suppresses the last will.
                publishState(GatewayState.death(identity.gatewayId(), identity.commune(), session, Instant.now(),
                        GatewayState.REASON_SHUTDOWN)).waitForCompletion(2_000);
                client.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException e) {
                log.warn("Unclean disconnect: {}", e.getMessage());
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the MQTT client: {}", e.getMessage());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void connectLoop() {
        long delayMillis = 0;
        while (running) {
            if (client.isConnected()) {
                waitForConnectionChange();
                continue;
            }
            if (delayMillis > 0) {
                log.info("Reconnecting to {} in {} ms", config.brokerUrl(), delayMillis);
                sleep(delayMillis);
                if (!running) {
                    return;
                }
            }
            try {
                connect();
                delayMillis = 0;
            } catch (MqttException e) {
                connectFailures.incrementAndGet();
                replaceClient();
                long ceiling = Math.min(config.maxReconnectDelaySeconds() * 1000L, Math.max(1_000, delayMillis * 2));
                delayMillis = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
                log.warn("Cannot connect to {}: {}", config.brokerUrl(), e.getMessage());
            }
        }
    }

    /** A socket factory trusting the configured CA file, or null to use Paho's default (the JVM's trust store). */
    private static SSLSocketFactory tlsSocketFactory(Config config) {
        if (config.caCertificateFile().isBlank()) {
            return null;
        }
        if (!config.brokerUrl().startsWith("ssl://")) {
            throw new IllegalArgumentException("a CA certificate file is set but the broker URL " + config.brokerUrl()
                    + " is not ssl://");
        }
        try {
            return TrustedCertificates.socketFactory(Path.of(config.caCertificateFile()),
                    config.clientCertificateFile().isBlank() ? null : Path.of(config.clientCertificateFile()),
                    config.clientKeyFile().isBlank() ? null : Path.of(config.clientKeyFile()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use CA certificates " + config.caCertificateFile()
                    + " or the client certificate " + config.clientCertificateFile() + ": " + e.getMessage(), e);
        }
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient created = new MqttAsyncClient(config.brokerUrl(), identity.gatewayId(), new MemoryPersistence());
        created.setCallback(new ConnectionWatcher());
        return created;
    }

    /**
     * A failed or timed-out connect can leave Paho 1.2.5 believing a connect is still in progress,
     * refusing every later attempt ("Connect already in progress"): the next attempt starts from a
     * fresh client. The journal resends whatever was in flight.
     */
    private void replaceClient() {
        MqttAsyncClient old = client;
        try {
            old.disconnectForcibly(0, 1_000, false);
        } catch (MqttException ignored) {
            // not connected: nothing to force
        }
        try {
            old.close(true);
        } catch (MqttException ignored) {
            // released anyway
        }
        try {
            client = newClient();
        } catch (MqttException e) {
            log.error("Cannot create a new MQTT client: {}", e.getMessage());
        }
    }

    private void connect() throws MqttException {
        String newSession = UUID.randomUUID().toString();
        Instant now = Instant.now();
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A persistent session: what the fleet sends this gateway while it is away waits at the broker.
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpirySeconds());
        options.setKeepAliveInterval(config.keepAliveSeconds());
        options.setConnectionTimeout(config.connectTimeoutSeconds());
        options.setAutomaticReconnect(false);
        if (tlsSocketFactory != null) {
            options.setSocketFactory(tlsSocketFactory);
            options.setHttpsHostnameVerificationEnabled(true);
        }
        MqttMessage will = new MqttMessage(json.encode(GatewayState.death(identity.gatewayId(), identity.commune(),
                newSession, now, GatewayState.REASON_CONNECTION_LOST)), 1, true, new MqttProperties());
        options.setWill(topic(Channel.STATE), will);
        client.connect(options).waitForCompletion((config.connectTimeoutSeconds() + 2) * 1000L);
        connectedAt = Instant.now();
        session = newSession;
        connects.incrementAndGet();
        log.info("Connected to {} (session {})", config.brokerUrl(), newSession);
        publishState(GatewayState.birth(identity.gatewayId(), identity.commune(), newSession, now, software, release));
        // Messages arrive through the callback; Paho 1.2.5's subscribe-with-listener recurses, so it is not used.
        client.subscribe(new String[] {topic(Channel.DOWN), topic(Channel.CONFIG), topic(Channel.UPDATE)},
                        new int[] {1, 1, 1})
                .waitForCompletion((config.connectTimeoutSeconds() + 2) * 1000L);
        downlinks.flush();
    }

    private void publishDownlinkResult(DownlinkResult result) throws UplinkException {
        publishAndWait(topic(Channel.TX_ACK), json.encode(result), config.connectTimeoutSeconds() * 1000L);
    }

    @Override
    public void sendConfigurationReport(ConfigurationReport report) throws UplinkException {
        publishAndWait(topic(Channel.CONFIG_STATE), json.encode(report), config.connectTimeoutSeconds() * 1000L);
    }

    @Override
    public void sendUpdateStatus(UpdateStatus status) throws UplinkException {
        publishAndWait(topic(Channel.UPDATE_STATE), json.encode(status), config.connectTimeoutSeconds() * 1000L);
    }

    @Override
    public void sendLocalActions(LocalActionBatch batch) throws UplinkException {
        publishAndWait(topic(Channel.ACTIONS), json.encode(batch), config.connectTimeoutSeconds() * 1000L);
    }

    private IMqttToken publishState(GatewayState state) throws MqttException {
        byte[] payload = json.encode(state);
        return client.publish(topic(Channel.STATE), payload, 1, true);
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public Instant connectedSince() {
        return client.isConnected() ? connectedAt : null;
    }

    @Override
    public String sessionId() {
        return client.isConnected() ? session : "";
    }

    @Override
    public CompletableFuture<Void> publishReadings(List<Reading> readings) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (!client.isConnected()) {
            acknowledged.completeExceptionally(new UplinkException("not connected to " + config.brokerUrl()));
            return acknowledged;
        }
        byte[] payload = json.encode(ReadingBatch.of(identity.gatewayId(), identity.commune(), readings));
        String topic = topic(Channel.UP);
        try {
            client.publish(topic, payload, 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    Optional<String> problem = PublishOutcome.problem(token.getReasonCodes(), topic);
                    if (problem.isPresent()) {
                        publishFailures.incrementAndGet();
                        acknowledged.completeExceptionally(new UplinkException("readings not delivered: " + problem.get()));
                        return;
                    }
                    messagesPublished.incrementAndGet();
                    readingsPublished.addAndGet(readings.size());
                    bytesPublished.addAndGet(payload.length);
                    acknowledged.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    publishFailures.incrementAndGet();
                    acknowledged.completeExceptionally(new UplinkException("publish on " + topic + " failed: "
                            + exception.getMessage(), exception));
                }
            });
        } catch (MqttException e) {
            publishFailures.incrementAndGet();
            acknowledged.completeExceptionally(new UplinkException("publish on " + topic + " failed: " + e.getMessage(), e));
        }
        return acknowledged;
    }

    @Override
    public void publishHealth(HealthReport report) throws UplinkException {
        publishAndWait(topic(Channel.HEALTH), json.encode(report), config.connectTimeoutSeconds() * 1000L);
    }

    private void publishAndWait(String topic, byte[] payload, long timeoutMillis) throws UplinkException {
        if (!client.isConnected()) {
            throw new UplinkException("not connected to " + config.brokerUrl());
        }
        try {
            IMqttToken token = client.publish(topic, payload, 1, false);
            token.waitForCompletion(timeoutMillis);
            if (!token.isComplete()) {
                throw new UplinkException("no PUBACK within " + timeoutMillis + " ms");
            }
            Optional<String> problem = PublishOutcome.problem(token.getReasonCodes(), topic);
            if (problem.isPresent()) {
                throw new UplinkException(problem.get());
            }
            messagesPublished.incrementAndGet();
            bytesPublished.addAndGet(payload.length);
        } catch (MqttException e) {
            publishFailures.incrementAndGet();
            throw new UplinkException("publish on " + topic + " failed: " + e.getMessage(), e);
        } catch (UplinkException e) {
            publishFailures.incrementAndGet();
            throw e;
        }
    }

    private String topic(Channel channel) {
        return Topics.topic(identity.commune(), identity.gatewayId(), channel);
    }

    private static Map<String, String> installedSoftware(BundleContext context) {
        Map<String, String> bundles = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null) {
                bundles.put(bundle.getSymbolicName(), bundle.getVersion().toString());
            }
        }
        return bundles;
    }

    private void waitForConnectionChange() {
        synchronized (connectionChanged) {
            try {
                connectionChanged.wait(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void sleep(long millis) {
        synchronized (connectionChanged) {
            try {
                connectionChanged.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("uplink.connected", client.isConnected() ? 1 : 0);
        metrics.put("uplink.connects", connects.get());
        metrics.put("uplink.connect.failures", connectFailures.get());
        metrics.put("uplink.connection.losses", connectionLosses.get());
        metrics.put("uplink.messages.published", messagesPublished.get());
        metrics.put("uplink.readings.published", readingsPublished.get());
        metrics.put("uplink.publish.failures", publishFailures.get());
        metrics.put("uplink.bytes.published", bytesPublished.get());
        downlinks.addMetrics(metrics);
        desiredConfiguration.addMetrics(metrics);
        updateOrders.addMetrics(metrics);
        return metrics;
    }

    /** Wakes the connector when Paho reports the connection lost. */
    private final class ConnectionWatcher implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connectionLosses.incrementAndGet();
            log.warn("Connection to {} lost: {}", config.brokerUrl(), response.getReasonString() != null
                    ? response.getReasonString() : String.valueOf(response.getException()));
            synchronized (connectionChanged) {
                connectionChanged.notifyAll();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(topic(Channel.DOWN))) {
                downlinks.onMessage(message.getPayload());
            } else if (topic.equals(topic(Channel.CONFIG))) {
                desiredConfiguration.onMessage(message.getPayload());
            } else if (topic.equals(topic(Channel.UPDATE))) {
                updateOrders.onMessage(message.getPayload());
            } else {
                log.warn("Message on unexpected topic {} ignored", topic);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Completion is awaited on the token by the publisher.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // The connector publishes the birth message itself, once connect() has returned.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // Enhanced authentication is not used.
        }
    }
}
