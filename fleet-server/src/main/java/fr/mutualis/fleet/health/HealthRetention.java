package fr.mutualis.fleet.health;

import fr.mutualis.fleet.gateway.PresenceProperties;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Deletes health reports older than {@code mutualis.presence.health-retention}, every {@code purge-interval}. */
@Component
class HealthRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HealthRetention.class);

    private final HealthHistory history;
    private final PresenceProperties properties;

    HealthRetention(HealthHistory history, PresenceProperties properties) {
        this.history = history;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.purgeInterval());
    }

    void purge() {
        try {
            long deleted = history.purgeBefore(Instant.now().minus(properties.healthRetention()));
            if (deleted > 0) {
                log.info("Deleted {} health reports older than {}", deleted, properties.healthRetention());
            }
        } catch (RuntimeException e) {
            // tried again at the next interval
            log.warn("Health history purge failed: {}", e.getMessage());
        }
    }
}
