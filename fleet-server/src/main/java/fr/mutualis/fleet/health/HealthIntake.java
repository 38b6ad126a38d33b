package fr.mutualis.fleet.health;

import fr.mutualis.contract.HealthReport;
import fr.mutualis.fleet.gateway.GatewayPresence;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handles a health report in one transaction: a sign of life for presence, a row of the history,
 * and a {@link HealthRecorded} event for the alert rules. If anything fails, nothing is kept and
 * the message, not acknowledged, comes again.
 */
@Service
public class HealthIntake {

    private final GatewayPresence presence;
    private final HealthHistory history;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    HealthIntake(GatewayPresence presence, HealthHistory history, ApplicationEventPublisher events, JdbcClient jdbc) {
        this.presence = presence;
        this.history = history;
        this.events = events;
        this.jdbc = jdbc;
    }

    @Transactional
    public void onReport(HealthReport report, byte[] rawJson) {
        // What this transaction writes (the report, a stale gateway's return, the alerts it decides)
        // is written again from the next report if a crash of the database loses it, so its commit
        // need not wait for the WAL to reach the disk. That keeps the fleet's single message thread
        // ahead of thousands of reporting gateways; readings and births/deaths commit durably.
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
        Instant now = Instant.now();
        if (!presence.onHealth(report, rawJson, now)) {
            return;
        }
        HealthSample sample = HealthSample.of(report.metrics());
        history.record(report.gatewayId(), report.session(), report.at(), now, report.uptimeSeconds(), sample);
        events.publishEvent(new HealthRecorded(report.gatewayId(), sample, now));
    }
}
