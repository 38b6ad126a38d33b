package fr.mutualis.fleet.health;

import java.time.Instant;

/**
 * Published, inside the transaction that stored it, for every health report kept in the history:
 * what the alert rules watch.
 */
public record HealthRecorded(String gatewayId, HealthSample sample, Instant receivedAt) {
}
