package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.Topics;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import java.util.List;
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
 */
@Component
class ConfigurationPublisher {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationPublisher.class);

    private final ObjectProvider<GatewayMessageSubscriber> mqtt;
    private final GatewayConfigurations gateways;
    private final ConfigurationJson json;

    ConfigurationPublisher(ObjectProvider<GatewayMessageSubscriber> mqtt, GatewayConfigurations gateways,
                           ConfigurationJson json) {
        this.mqtt = mqtt;
        this.gateways = gateways;
        this.json = json;
    }

    /** Publishes each version; returns how many the broker took. */
    int publish(List<GatewayConfigurations.Version> versions) {
        GatewayMessageSubscriber link = mqtt.getIfAvailable();
        if (link == null) {
            return 0;
        }
        int published = 0;
        for (GatewayConfigurations.Version version : versions) {
            DesiredConfiguration desired = new DesiredConfiguration(DesiredConfiguration.VERSION, version.gatewayId(),
                    version.commune(), version.version(), version.createdAt(), version.components());
            try {
                link.publish(Topics.topic(version.commune(), version.gatewayId(), Channel.CONFIG), json.bytes(desired), true);
            } catch (Exception e) {
                log.warn("Configuration version {} for {} not published yet: {}", version.version(), version.gatewayId(),
                        e.getMessage());
                continue;
            }
            gateways.markPublished(version.gatewayId(), version.version());
            published++;
        }
        return published;
    }

    @Scheduled(fixedDelayString = "${mutualis.configuration.republish-interval:5s}")
    void republish() {
        List<GatewayConfigurations.Version> unpublished = gateways.unpublished(1000);
        if (!unpublished.isEmpty()) {
            publish(unpublished);
        }
    }
}
