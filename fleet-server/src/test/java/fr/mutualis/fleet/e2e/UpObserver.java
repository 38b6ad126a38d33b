package fr.mutualis.fleet.e2e;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Records every reading published on the gateways' uplink topic, as it travelled. */
final class UpObserver implements AutoCloseable {

    /** One reading as it was on the wire. */
    record Published(String receivedAt, String payloadBase64) {
    }

    private final MqttAsyncClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Map<Long, Published>> byGateway = new ConcurrentHashMap<>();

    UpObserver(String brokerUrl) throws MqttException {
        // The async client with a plain callback: Paho 1.2.5's MqttClient.subscribe with a
        // listener recurses into itself until the stack overflows.
        client = new MqttAsyncClient(brokerUrl, "e2e-observer-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                record(message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription(Topics.allGateways(Channel.UP), 1)).waitForCompletion(10_000);
    }

    private void record(byte[] payload) {
        JsonNode batch = json.readTree(payload);
        Map<Long, Published> readings = byGateway.computeIfAbsent(batch.get("gatewayId").asString(),
                id -> new ConcurrentHashMap<>());
        for (JsonNode reading : batch.get("readings")) {
            readings.put(reading.get("seq").asLong(),
                    new Published(reading.get("receivedAt").asString(), reading.get("payload").asString()));
        }
    }

    Map<Long, Published> readingsOf(String gatewayId) {
        return byGateway.getOrDefault(gatewayId, Map.of());
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
