package fr.mutualis.fleet.alert;

import fr.mutualis.fleet.alert.AlertRules.Open;
import fr.mutualis.fleet.alert.AlertRules.Resolve;
import fr.mutualis.fleet.alert.AlertRules.Verdict;
import fr.mutualis.fleet.health.HealthHistory;
import fr.mutualis.fleet.health.HealthRecorded;
import fr.mutualis.fleet.health.HealthSample;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Judges the backlog and disk alerts on every health report, in the transaction that stored it
 * (so a report is either stored and judged, or neither, and comes again).
 */
@Component
class HealthAlerts {

    private static final Logger log = LoggerFactory.getLogger(HealthAlerts.class);

    private final Alerts alerts;
    private final HealthHistory history;
    private final AlertProperties properties;
    private final MeterRegistry meters;

    HealthAlerts(Alerts alerts, HealthHistory history, AlertProperties properties, MeterRegistry meters) {
        this.alerts = alerts;
        this.history = history;
        this.properties = properties;
        this.meters = meters;
    }

    @EventListener
    void onHealth(HealthRecorded recorded) {
        HealthSample sample = recorded.sample();
        apply(recorded.gatewayId(), AlertKind.DISK_NEARLY_FULL,
                AlertRules.disk(sample, properties.diskFreeBelowPercent()), recorded.receivedAt());
        if (sample.storeDepth() != null || sample.storeOldestAgeSeconds() != null) {
            List<Long> depths = history.recentStoreDepths(recorded.gatewayId(), properties.backlogRisingReports() + 1);
            apply(recorded.gatewayId(), AlertKind.BACKLOG, AlertRules.backlog(depths, sample.storeOldestAgeSeconds(),
                    properties.backlogRisingReports(), properties.backlogOldestAge()), recorded.receivedAt());
        }
    }

    private void apply(String gatewayId, AlertKind kind, Verdict verdict, Instant at) {
        if (verdict instanceof Open open && alerts.open(gatewayId, kind, open.detail(), at)) {
            meters.counter("mutualis.alerts.opened", "kind", kind.name()).increment();
            log.info("Alert {} opened for {}: {}", kind, gatewayId, open.detail());
        } else if (verdict instanceof Resolve && alerts.resolve(gatewayId, kind, at)) {
            meters.counter("mutualis.alerts.resolved", "kind", kind.name()).increment();
            log.info("Alert {} resolved for {}", kind, gatewayId);
        }
    }
}
