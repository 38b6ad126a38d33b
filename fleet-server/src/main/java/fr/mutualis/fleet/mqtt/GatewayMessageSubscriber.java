package fr.mutualis.fleet.mqtt;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Topics;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
 * down or failing is lost.
 */
public class GatewayMessageSubscriber implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayMessageSubscriber.class);
    private static final long SESSION_EXPIRY_SECONDS = 24 * 3600;

    private final BrokerProperties properties;
    private final BrokerCredentials credentials;
    private final GatewayMessageRouter router;
    private volatile MqttAsyncClient client;

    public GatewayMessageSubscriber(BrokerProperties properties, BrokerCredentials credentials,
                                    GatewayMessageRouter router) {
        this.properties = properties;
        this.credentials = credentials;
        this.router = router;
    }

    @Override
    public void start() {
        try {
            client = new MqttAsyncClient(properties.url(), credentials.clientId(), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(new Callback());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 30);
            options.setKeepAliveInterval(30);
            options.setUserName(credentials.username());
            options.setPassword(credentials.password().getBytes(StandardCharsets.UTF_8));
            // Connection failures are retried by Paho; the server starts regardless of the broker.
            client.connect(options);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create the MQTT client for " + properties.url(), e);
        }
    }

    private void subscribe() {
        Channel[] channels = GatewayMessageRouter.subscribedChannels();
        MqttSubscription[] subscriptions = new MqttSubscription[channels.length];
        for (int i = 0; i < channels.length; i++) {
            subscriptions[i] = new MqttSubscription(Topics.allGateways(channels[i]), 1);
        }
        try {
            client.subscribe(subscriptions);
        } catch (MqttException e) {
            log.error("Cannot subscribe to gateway topics: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
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
        return client != null;
    }

    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            log.info("Fleet connected to {}{}; subscribing to gateway topics", serverUri, reconnect ? " (reconnect)" : "");
            subscribe();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            // Throwing here (storage down) makes Paho drop the connection without acknowledging;
            // the broker redelivers when the automatic reconnect resumes the session.
            router.route(topic, message.getPayload());
            client.messageArrivedComplete(message.getId(), message.getQos());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("Fleet disconnected from {}: {}", properties.url(), response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the fleet does not publish yet
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // enhanced authentication is not used
        }
    }
}
