package fr.mutualis.fleet.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the fleet judges presence, and how long it keeps its history.
 *
 * @param staleAfter       an online gateway from which nothing arrived for longer than this is STALE;
 *                         three health intervals (the agent reports every 30 s) by default
 * @param sweepInterval    how often silent gateways are looked for
 * @param healthRetention  how long every health report is kept
 * @param historyRetention how long presence transitions, ended sessions and resolved alerts are kept
 * @param purgeInterval    how often what is older than its retention is deleted
 */
@ConfigurationProperties("mutualis.presence")
public record PresenceProperties(
        @DefaultValue("90s") Duration staleAfter,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("30d") Duration healthRetention,
        @DefaultValue("180d") Duration historyRetention,
        @DefaultValue("1h") Duration purgeInterval) {

    public PresenceProperties {
        requirePositive("stale-after", staleAfter);
        requirePositive("sweep-interval", sweepInterval);
        requirePositive("health-retention", healthRetention);
        requirePositive("history-retention", historyRetention);
        requirePositive("purge-interval", purgeInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mutualis.presence." + name + " must be positive, not " + value);
        }
    }
}
