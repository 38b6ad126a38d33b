package fr.mutualis.fleet.mqtt;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The fleet's subscription to every gateway topic. QoS 1 with manual acknowledgement: a message
 * is acknowledged to the broker only after it has been stored, and the session outlives a restart
 * of the server (clean start off, one day of expiry), so nothing published while the server is
 * down or failing is lost — provided the broker keeps sessions across its own restarts
 * (Mosquitto: {@code persistence true}).
 *
 * <p>This class reconnects by itself, with backoff and jitter: Paho 1.2.5's automatic reconnect
 * was seen to give up for minutes when the broker restarted while a message was being handled.
 */
public class GatewayMessageSubscriber implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayMessageSubscriber.class);
    private static final long SESSION_EXPIRY_SECONDS = 24 * 3600;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 10_000;

    private final BrokerProperties properties;
    private final BrokerCredentials credentials;
    private final GatewayMessageRouter router;
    private final Object connectionChanged = new Object();
    private volatile MqttAsyncClient client;
    private volatile boolean running;
    private volatile boolean subscribed;
    private Thread connector;

    public GatewayMessageSubscriber(BrokerProperties properties, BrokerCredentials credentials,
                                    GatewayMessageRouter router) {
        this.properties = properties;
        this.credentials = credentials;
        this.router = router;
    }

    @Override
    public void start() {
        client = newClient();
        running = true;
        connector = new Thread(this::connectLoop, "mutualis-fleet-mqtt");
        connector.setDaemon(true);
        connector.start();
    }

    /** Keeps the session up; the server starts and runs whether or not the broker is reachable. */
    private void connectLoop() {
        long delayMillis = 0;
        while (running) {
            if (client.isConnected()) {
                waitForChange(1_000);
                continue;
            }
            if (delayMillis > 0) {
                waitForChange(delayMillis);
                if (!running) {
                    return;
                }
            }
            try {
                client.connect(connectionOptions()).waitForCompletion(7_000);
                subscribe();
                subscribed = true;
                router.fleetConnected();
                log.info("Fleet connected to {}; subscribed to gateway topics", properties.url());
                delayMillis = 0;
            } catch (MqttException e) {
                replaceClient();
                long ceiling = Math.min(MAX_RECONNECT_DELAY_MILLIS, Math.max(500, delayMillis * 2));
                delayMillis = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
                log.warn("Fleet cannot connect to {} ({}); retrying in {} ms", properties.url(), e.getMessage(),
                        delayMillis);
            }
        }
    }

    private MqttAsyncClient newClient() {
        try {
            MqttAsyncClient created = new MqttAsyncClient(properties.url(), credentials.clientId(), new MemoryPersistence());
            created.setManualAcks(true);
            created.setCallback(new Callback());
            return created;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create the MQTT client for " + properties.url(), e);
        }
    }

    /**
     * A failed or timed-out connect can leave Paho 1.2.5 believing a connect is still in progress,
     * refusing every later attempt: start the next attempt from a fresh client.
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
        client = newClient();
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(5);
        options.setUserName(credentials.username());
        options.setPassword(credentials.password().getBytes(StandardCharsets.UTF_8));
        if (!properties.caFile().isBlank()) {
            try {
                options.setSocketFactory(BrokerTls.socketFactory(properties));
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS to the broker from " + properties.caFile() + ", "
                        + properties.clientCertificateFile() + ": " + e.getMessage(), e);
            }
        }
        return options;
    }

    private void subscribe() throws MqttException {
        Channel[] channels = GatewayMessageRouter.subscribedChannels();
        MqttSubscription[] subscriptions = new MqttSubscription[channels.length];
        for (int i = 0; i < channels.length; i++) {
            subscriptions[i] = new MqttSubscription(Topics.allGateways(channels[i]), 1);
        }
        client.subscribe(subscriptions).waitForCompletion(15_000);
    }

    private void waitForChange(long millis) {
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
    public void stop() {
        running = false;
        synchronized (connectionChanged) {
            connectionChanged.notifyAll();
        }
        if (connector != null) {
            try {
                connector.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MqttAsyncClient current = client;
        if (current == null) {
            return;
        }
        try {
            if (current.isConnected()) {
                current.disconnect(5_000).waitForCompletion(6_000);
            }
            current.close(true);
        } catch (MqttException e) {
            log.warn("Closing the MQTT client: {}", e.getMessage());
        }
        client = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Publishes a fleet-to-gateway message at QoS 1 and waits for the broker's PUBACK.
     *
     * @throws MqttException when not connected, refused or not acknowledged in time
     */
    public void publish(String topic, byte[] payload) throws MqttException {
        publish(topic, payload, false);
    }

    /**
     * Publishes a fleet-to-gateway message at QoS 1, retained when {@code retained} (desired
     * state: the broker hands the latest to the gateway at each of its subscriptions), and waits
     * for the broker's PUBACK.
     *
     * @throws MqttException when not connected, refused or not acknowledged in time
     */
    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        MqttAsyncClient current = client;
        if (current == null || !current.isConnected()) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        IMqttToken token = current.publish(topic, payload, 1, retained);
        token.waitForCompletion(10_000);
        int[] reasonCodes = token.getReasonCodes();
        if (reasonCodes != null && reasonCodes.length > 0 && reasonCodes[0] >= 0x80) {
            throw new MqttException(reasonCodes[0]);
        }
    }

    /** Connected and subscribed to the gateways' topics: messages gateways publish from now on reach the fleet. */
    public boolean isSubscribed() {
        return subscribed && isConnected();
    }

    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // The connector subscribes once connect() has returned.
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            // Throwing here (storage down) makes Paho drop the connection without acknowledging;
            // the broker redelivers when the connector resumes the session.
            router.route(topic, message.getPayload());
            client.messageArrivedComplete(message.getId(), message.getQos());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("Fleet disconnected from {}: {}", properties.url(), response.getException() != null
                    ? response.getException().getMessage() : response.getReasonString());
            subscribed = false;
            router.fleetDisconnected();
            synchronized (connectionChanged) {
                connectionChanged.notifyAll();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish() waits on its token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // enhanced authentication is not used
        }
    }
}
