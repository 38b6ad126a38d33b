package fr.mutualis.fleet.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A gateway as the API shows it.
 *
 * @param status          ONLINE, STALE (connected according to its latest birth, but silent for longer
 *                        than {@code mutualis.presence.stale-after}) or OFFLINE
 * @param statusReason    birth, shutdown, connection-lost, activity, "silent for more than 90 s"...
 * @param statusChangedAt when the gateway entered its status (a new connection enters ONLINE anew)
 * @param statusDurationSeconds how long it has been in its status
 * @param readingCount    distinct readings stored
 * @param lastHealth      the latest health report, as the gateway sent it (only in single-gateway views)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayView(String id, String commune, String status, String statusReason, Instant statusChangedAt,
                          long statusDurationSeconds, Instant firstSeenAt, Instant lastSeenAt, long readingCount,
                          Instant lastReadingAt, JsonNode software, JsonNode lastHealth, Instant lastHealthAt) {
}
