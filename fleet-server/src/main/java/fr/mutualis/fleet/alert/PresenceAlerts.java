package fr.mutualis.fleet.alert;

import fr.mutualis.fleet.gateway.PresenceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Opens and resolves the offline and stale alerts from the gateways' presence, every
 * {@code mutualis.alerts.evaluation-interval}, and deletes alerts resolved longer ago than the
 * presence history is kept. Set-based: one statement per step whatever the size of the fleet.
 */
@Component
class PresenceAlerts implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PresenceAlerts.class);

    private final Alerts alerts;
    private final AlertProperties properties;
    private final PresenceProperties presence;
    private final MeterRegistry meters;

    PresenceAlerts(Alerts alerts, AlertProperties properties, PresenceProperties presence,
                   MeterRegistry meters) {
        this.alerts = alerts;
        this.properties = properties;
        this.presence = presence;
        this.meters = meters;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::reconcile, properties.evaluationInterval());
        registrar.addFixedDelayTask(this::purge, presence.purgeInterval());
    }

    private void reconcile() {
        try {
            Alerts.Reconciliation done = alerts.reconcilePresence(Instant.now(), properties.offlineAfter());
            if (done.resolved() + done.openedOffline() + done.openedStale() > 0) {
                meters.counter("mutualis.alerts.opened", "kind", AlertKind.OFFLINE.name()).increment(done.openedOffline());
                meters.counter("mutualis.alerts.opened", "kind", AlertKind.STALE.name()).increment(done.openedStale());
                meters.counter("mutualis.alerts.resolved", "kind", "presence").increment(done.resolved());
                log.info("Presence alerts: {} offline and {} stale opened, {} resolved", done.openedOffline(),
                        done.openedStale(), done.resolved());
            }
        } catch (RuntimeException e) {
            // tried again at the next interval; one line rather than a stack trace every few seconds
            log.warn("Presence alert evaluation failed: {}", e.getMessage());
        }
    }

    private void purge() {
        try {
            long deleted = alerts.purgeResolvedBefore(Instant.now().minus(presence.historyRetention()));
            if (deleted > 0) {
                log.info("Deleted {} alerts resolved more than {} ago", deleted, presence.historyRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Alert purge failed: {}", e.getMessage());
        }
    }
}
