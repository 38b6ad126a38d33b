package fr.mutualis.fleet.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A raw MQTT client speaking for a gateway id, to send the fleet exactly the messages a test needs. */
public final class FakeGateway implements AutoCloseable {

    private final MqttAsyncClient client;
    private boolean closed;

    public FakeGateway(String brokerUrl, String clientId) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    }

    public FakeGateway connect() throws MqttException {
        return connect(null, null);
    }

    public FakeGateway connect(String username, String password) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(10_000);
        return this;
    }

    /**
     * Connects as the gateway agent does: a persistent session and a last will, retained at QoS 1,
     * that the broker publishes if the connection dies without a DISCONNECT.
     */
    public FakeGateway connectWithWill(String willTopic, String willJson) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(20);
        options.setAutomaticReconnect(false);
        options.setWill(willTopic, new MqttMessage(willJson.getBytes(StandardCharsets.UTF_8), 1, true,
                new MqttProperties()));
        client.connect(options).waitForCompletion(30_000);
        return this;
    }

    /** Publishes at QoS 1 and returns the PUBACK reason code (0 = success). */
    public int publish(String topic, String json) throws MqttException {
        return publish(topic, json, false);
    }

    /** Publishes a retained message at QoS 1 (as births and deaths are) and returns the PUBACK reason code. */
    public int publishRetained(String topic, String json) throws MqttException {
        return publish(topic, json, true);
    }

    private int publish(String topic, String json, boolean retained) throws MqttException {
        IMqttToken token = client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, retained);
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Subscribes at QoS 1 and returns the SUBACK reason code (1 = granted QoS 1, >= 0x80 refused). */
    public int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Closes the TCP connection without a DISCONNECT packet, as a killed process or a cut cable
     * would: the broker publishes the last will.
     */
    public void dieAbruptly() throws MqttException {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } finally {
            closed = true;
            client.close(true);
        }
    }

    @Override
    public void close() throws MqttException {
        if (closed) {
            return;
        }
        closed = true;
        if (client.isConnected()) {
            try {
                client.disconnect().waitForCompletion(5_000);
            } catch (MqttException e) {
                // The broker may be closing this connection itself (that is how it can refuse a
                // forbidden publish), in which case the DISCONNECT is never answered.
                disconnectQuietly();
            }
        }
        client.close(true);
    }

    private void disconnectQuietly() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException alreadyGone) {
            // nothing left to close but the client itself
        }
    }
}
