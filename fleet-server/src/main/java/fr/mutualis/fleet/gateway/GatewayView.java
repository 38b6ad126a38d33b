package fr.mutualis.fleet.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A gateway as the API shows it.
 *
 * @param status          ONLINE or OFFLINE
 * @param statusReason    birth, shutdown, connection-lost...
 * @param readingCount    distinct readings stored
 * @param lastHealth      the latest health report, as the gateway sent it (only in single-gateway views)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayView(String id, String commune, String status, String statusReason, Instant statusChangedAt,
                          Instant firstSeenAt, Instant lastSeenAt, long readingCount, Instant lastReadingAt,
                          JsonNode software, JsonNode lastHealth, Instant lastHealthAt) {
}
