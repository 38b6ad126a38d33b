package fr.mutualis.fleet.campaign;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.Topics;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.contract.UpdateStatus.Step;
import fr.mutualis.fleet.testsupport.MessageCallback;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lightweight gateway speaking the real update contract over MQTT: a retained birth naming the
 * release it runs, a subscription to its retained {@code update} topic, and for each new order the
 * steps a real agent reports — downloading (0, 50, 100 %), verifying, installing, a restart whose
 * birth announces the new release, health check — then SUCCEEDED, or, for a release it is told is
 * bad, a second restart back on the previous release and REVERTED. The same order received again
 * (every reconnection) is not started twice. For fleet-side campaign tests; the real agent's
 * update path is tested on the gateway side.
 */
final class UpdatingFakeGateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String id;
    final String commune;
    private final String brokerUrl;
    private final Set<String> badReleases;
    private final ExecutorService work;
    private volatile String release;
    private MqttAsyncClient client;
    private String session;
    /** Campaigns whose order this gateway started: an order seen again is not restarted. */
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    /** Every order received (campaign ids, in order), the retained ones received again included. */
    final List<String> ordersReceived = new CopyOnWriteArrayList<>();
    final List<String> withdrawalsReceived = new CopyOnWriteArrayList<>();
    /** The latest order received. */
    volatile UpdateOrder lastOrder;
    /** When set, the update waits at HEALTH_CHECK until it is counted down. */
    private volatile CountDownLatch holdAtHealthCheck;

    UpdatingFakeGateway(String brokerUrl, String id, String commune, String release, Set<String> badReleases,
                        ExecutorService work) {
        this.brokerUrl = brokerUrl;
        this.id = id;
        this.commune = commune;
        this.release = release;
        this.badReleases = badReleases;
        this.work = work;
    }

    String release() {
        return release;
    }

    void holdAtHealthCheck(CountDownLatch latch) {
        this.holdAtHealthCheck = latch;
    }

    synchronized void connect() throws MqttException {
        session = UUID.randomUUID().toString();
        client = new MqttAsyncClient(brokerUrl, id, new MemoryPersistence());
        client.setCallback((MessageCallback) (topic, payload) -> {
            if (payload.length == 0) {
                withdrawalsReceived.add(topic);
                return;
            }
            UpdateOrder order = JSON.readValue(payload, UpdateOrder.class);
            ordersReceived.add(order.campaign());
            lastOrder = order;
            if (started.add(order.campaign())) {
                // Never publish (and wait) on Paho's callback thread.
                work.execute(() -> update(order));
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(30);
        options.setWill(topic(Channel.STATE), new MqttMessage(JSON.writeValueAsBytes(GatewayState.death(id, commune,
                session, Instant.now(), GatewayState.REASON_CONNECTION_LOST)), 1, true, new MqttProperties()));
        client.connect(options).waitForCompletion(30_000);
        client.publish(topic(Channel.STATE), JSON.writeValueAsBytes(GatewayState.birth(id, commune, session,
                Instant.now(), Map.of("fr.mutualis.gateway.core", release), release)), 1, true).waitForCompletion(10_000);
        client.subscribe(topic(Channel.UPDATE), 1).waitForCompletion(10_000);
    }

    /** A clean shutdown: its death, then DISCONNECT. */
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

    private void update(UpdateOrder order) {
        try {
            String previous = release;
            for (int percent : new int[] {0, 50, 100}) {
                status(order, Step.DOWNLOADING, percent, null);
            }
            status(order, Step.VERIFYING, null, null);
            status(order, Step.INSTALLING, null, null);
            restartOn(order.release());
            status(order, Step.HEALTH_CHECK, null, null);
            CountDownLatch hold = holdAtHealthCheck;
            if (hold != null && !hold.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(id + " was held at its health check for too long");
            }
            if (badReleases.contains(order.release())) {
                restartOn(previous);
                status(order, Step.REVERTED, null, "health check failed within " + order.healthWindowSeconds()
                        + " s: component fr.mutualis.gateway.uplink.Uplink unsatisfied (simulated)");
            } else {
                status(order, Step.SUCCEEDED, null, null);
            }
        } catch (Exception e) {
            throw new IllegalStateException(id + " could not update", e);
        }
    }

    /** What the agent does after installing or reverting: its framework restarts the bundles, the uplink reconnects. */
    private synchronized void restartOn(String newRelease) throws MqttException {
        shutdown();
        release = newRelease;
        connect();
    }

    private synchronized void status(UpdateOrder order, Step step, Integer percent, String reason) throws MqttException {
        UpdateStatus status = new UpdateStatus(UpdateStatus.VERSION, id, commune, order.campaign(), order.release(), step,
                percent, reason, release, Instant.now());
        client.publish(topic(Channel.UPDATE_STATE), JSON.writeValueAsBytes(status), 1, false).waitForCompletion(10_000);
    }

    /** Sends a status as given: a repeat, or one for a campaign that does not exist. */
    synchronized void send(UpdateStatus status) throws MqttException {
        client.publish(topic(Channel.UPDATE_STATE), JSON.writeValueAsBytes(status), 1, false).waitForCompletion(10_000);
    }

    private String topic(Channel channel) {
        return Topics.topic(commune, id, channel);
    }
}
