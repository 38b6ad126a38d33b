package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.Topics;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes desired configurations retained on each gateway's {@code config} topic, after they are
 * committed. A version the broker did not take (it was down or unreachable) stays unpublished and
 * is published again by {@link #republish()}; a gateway that is offline needs nothing more: the
 * broker hands it the retained version at its next subscription.
 *
 * <p>A version that follows from a gateway's own report is published from a thread of its own
 * ({@link #publishInBackground}): the report is handled on the MQTT client's callback thread, and
 * waiting there for the broker's PUBACK can wait for nothing — when ten more messages are queued
 * behind it, Paho's receiving thread stops reading, PUBACK included, until the 10 s timeout, and
 * every gateway's messages wait meanwhile.
 */
@Component
class ConfigurationPublisher {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationPublisher.class);

    private final ObjectProvider<GatewayMessageSubscriber> mqtt;
    private final GatewayConfigurations gateways;
    private final ConfigurationJson json;
    private final MeterRegistry meters;
    /** One publication at a time, so that a superseded version can never go out after the newer one. */
    private final ReentrantLock publishing = new ReentrantLock();
    /** One thread, a bounded queue: what does not fit stays unpublished and {@link #republish()} takes it. */
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "mutualis-config-publisher");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    ConfigurationPublisher(ObjectProvider<GatewayMessageSubscriber> mqtt, GatewayConfigurations gateways,
                           ConfigurationJson json, MeterRegistry meters) {
        this.mqtt = mqtt;
        this.gateways = gateways;
        this.json = json;
        this.meters = meters;
    }

    /** Publishes the versions from the publisher's own thread; returns at once. */
    void publishInBackground(List<GatewayConfigurations.Version> versions) {
        if (!versions.isEmpty()) {
            background.execute(() -> publish(versions));
        }
    }

    /**
     * Publishes each version still desired; returns how many the broker took. Stops at the first
     * one the broker does not take: the rest would wait for the same timeout in turn, holding up
     * every other publication; they stay unpublished and {@link #republish()} takes them later.
     */
    int publish(List<GatewayConfigurations.Version> versions) {
        publishing.lock();
        try {
            return publishInTurn(versions);
        } finally {
            publishing.unlock();
        }
    }

    private int publishInTurn(List<GatewayConfigurations.Version> versions) {
        GatewayMessageSubscriber link = mqtt.getIfAvailable();
        if (link == null) {
            return 0;
        }
        int published = 0;
        for (GatewayConfigurations.Version version : versions) {
            // Only the gateway's current desired version goes out: a version superseded while it waited
            // for its turn must not replace the newer one as the retained message, which a gateway back
            // from a long outage would apply.
            if (!gateways.isDesired(version.gatewayId(), version.version())) {
                meters.counter("mutualis.configuration.publications", "result", "superseded").increment();
                continue;
            }
            DesiredConfiguration desired = new DesiredConfiguration(DesiredConfiguration.VERSION, version.gatewayId(),
                    version.commune(), version.version(), version.createdAt(), version.components());
            try {
                link.publish(Topics.topic(version.commune(), version.gatewayId(), Channel.CONFIG), json.bytes(desired), true);
            } catch (Exception e) {
                log.warn("Configuration version {} for {} not published yet: {}", version.version(), version.gatewayId(),
                        e.getMessage());
                meters.counter("mutualis.configuration.publications", "result", "deferred").increment();
                break;
            }
            gateways.markPublished(version.gatewayId(), version.version());
            meters.counter("mutualis.configuration.publications", "result", "published").increment();
            published++;
        }
        return published;
    }

    @Scheduled(fixedDelayString = "${mutualis.configuration.republish-interval:5s}")
    void republish() {
        // A publication in progress (a push to many gateways) is not waited for: its scheduler
        // thread is shared with the presence sweep and the alerts. The next round comes soon.
        if (!publishing.tryLock()) {
            return;
        }
        try {
            List<GatewayConfigurations.Version> unpublished = gateways.unpublished(1000);
            if (!unpublished.isEmpty()) {
                publishInTurn(unpublished);
            }
        } finally {
            publishing.unlock();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(15, TimeUnit.SECONDS);
    }
}
