package fr.mutualis.fleet.e2e;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Topics;
import fr.mutualis.fleet.testsupport.MessageCallback;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
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
        client = new MqttAsyncClient(brokerUrl, "e2e-observer-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback((MessageCallback) (topic, payload) -> record(payload));
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
