package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.mqtt.BrokerTls;
import fr.mutualis.fleet.pki.Pem;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * An MQTT 5 client presenting an enrolled gateway's certificate (from its identity files) and
 * trusting only its root CA, as the gateway's own uplink does: what the tests use to try a
 * gateway's permissions on a broker, and the reason codes the broker answers.
 */
final class EnrolledClient {

    private EnrolledClient() {
    }

    /** Connected with a clean start; the broker's refusal comes back as an {@link MqttException}. */
    static MqttAsyncClient connect(String brokerUrl, IdentityFiles files, String clientId) throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(BrokerTls.context(Pem.privateKey(files.keyFile()),
                Pem.certificates(Files.readString(files.certificateChainFile())),
                Pem.certificates(Files.readString(files.rootCaFile()))).getSocketFactory());
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** The PUBACK's reason code of a QoS 1 publish (0 = accepted, 0x87 = not authorised). */
    static int publishReasonCode(MqttAsyncClient client, String topic) {
        MqttMessage message = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** The SUBACK's reason code (the granted QoS, or 0x87 = not authorised). */
    static int subscribeReasonCode(MqttAsyncClient client, String filter) {
        try {
            IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
            token.waitForCompletion(10_000);
            return token.getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException ignored) {
            // the broker may have closed it already
        }
    }
}
