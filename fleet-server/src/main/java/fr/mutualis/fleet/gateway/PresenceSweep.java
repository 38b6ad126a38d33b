package fr.mutualis.fleet.gateway;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The periodic presence work, at the intervals of {@link PresenceProperties}: silent gateways
 * become STALE, and history older than its retention is deleted.
 */
@Component
class PresenceSweep implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweep.class);

    private final GatewayPresence presence;
    private final PresenceHistory history;
    private final PresenceProperties properties;

    PresenceSweep(GatewayPresence presence, PresenceHistory history, PresenceProperties properties) {
        this.presence = presence;
        this.history = history;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::markStale, properties.sweepInterval());
        registrar.addFixedDelayTask(this::purge, properties.purgeInterval());
    }

    private void markStale() {
        try {
            presence.markSilentGatewaysStale(Instant.now());
        } catch (RuntimeException e) {
            // The next sweep tries again; one line rather than a stack trace every few seconds while
            // the database is away.
            log.warn("Stale sweep failed: {}", e.getMessage());
        }
    }

    private void purge() {
        try {
            long deleted = history.purgeBefore(Instant.now().minus(properties.historyRetention()));
            if (deleted > 0) {
                log.info("Deleted {} presence history rows older than {}", deleted, properties.historyRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Presence history purge failed: {}", e.getMessage());
        }
    }
}
