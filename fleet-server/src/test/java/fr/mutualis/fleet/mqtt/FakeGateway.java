package fr.mutualis.fleet.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A raw MQTT client speaking for a gateway id, to send the fleet exactly the messages a test needs. */
final class FakeGateway implements AutoCloseable {

    private final MqttAsyncClient client;

    FakeGateway(String brokerUrl, String clientId) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    }

    FakeGateway connect() throws MqttException {
        return connect(null, null);
    }

    FakeGateway connect(String username, String password) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(10_000);
        return this;
    }

    /** Publishes at QoS 1 and returns the PUBACK reason code (0 = success). */
    int publish(String topic, String json) throws MqttException {
        IMqttToken token = client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Subscribes at QoS 1 and returns the SUBACK reason code (1 = granted QoS 1, >= 0x80 refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }
}
