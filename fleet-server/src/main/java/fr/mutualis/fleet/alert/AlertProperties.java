package fr.mutualis.fleet.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert thresholds.
 *
 * @param evaluationInterval   how often the presence alerts (offline, stale) are opened and resolved
 * @param offlineAfter         an OFFLINE gateway raises an alert once it has been offline this long
 * @param backlogRisingReports a BACKLOG alert opens when the total store depth rose in each of this many
 *                             consecutive health reports (compared with the report before each)
 * @param backlogOldestAge     ... or when the oldest buffered reading is older than this
 * @param diskFreeBelowPercent a DISK_NEARLY_FULL alert opens when the data file system has less free space
 *                             than this share of its size
 */
@ConfigurationProperties("mutualis.alerts")
public record AlertProperties(
        @DefaultValue("5s") Duration evaluationInterval,
        @DefaultValue("15m") Duration offlineAfter,
        @DefaultValue("5") int backlogRisingReports,
        @DefaultValue("30m") Duration backlogOldestAge,
        @DefaultValue("10") double diskFreeBelowPercent) {

    public AlertProperties {
        if (evaluationInterval.isNegative() || evaluationInterval.isZero()) {
            throw new IllegalArgumentException("mutualis.alerts.evaluation-interval must be positive");
        }
        if (offlineAfter.isNegative() || backlogOldestAge.isNegative()) {
            throw new IllegalArgumentException("mutualis.alerts durations must not be negative");
        }
        if (backlogRisingReports < 1) {
            throw new IllegalArgumentException("mutualis.alerts.backlog-rising-reports must be at least 1");
        }
        if (!(diskFreeBelowPercent >= 0 && diskFreeBelowPercent <= 100)) {
            throw new IllegalArgumentException("mutualis.alerts.disk-free-below-percent must be between 0 and 100");
        }
    }
}
