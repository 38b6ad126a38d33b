package fr.mutualis.fleet.action;

import java.time.Instant;
import java.util.Map;

/**
 * One action a gateway took on its own.
 *
 * @param actedAt    when the gateway acted, by its clock
 * @param receivedAt when the fleet was told (later than {@code actedAt} by the length of an outage)
 */
public record LocalActionView(String gatewayId, long sequence, Instant actedAt, String kind, String subject,
                              Map<String, String> details, Instant receivedAt) {
}
