package fr.mutualis.fleet.testsupport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho callback for test observers that only care about incoming messages. (Paho 1.2.5's
 * per-subscription listeners are unusable: {@code MqttClient.subscribe} with a listener recurses
 * until the stack overflows.)
 */
@FunctionalInterface
public interface MessageCallback extends MqttCallback {

    void onMessage(String topic, byte[] payload) throws Exception;

    @Override
    default void messageArrived(String topic, MqttMessage message) throws Exception {
        onMessage(topic, message.getPayload());
    }

    @Override
    default void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    default void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    default void deliveryComplete(IMqttToken token) {
    }

    @Override
    default void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    default void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
