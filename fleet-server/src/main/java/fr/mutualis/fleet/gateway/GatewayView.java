package fr.mutualis.fleet.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A gateway as the API shows it.
 *
 * @param status          ONLINE or OFFLINE
 * @param statusReason    birth, shutdown, connection-lost...
 * @param siteId          where it is installed, once a technician or operator has said so
 * @param eui             the concentrator's gateway EUI (16 hex digits), as registered
 * @param tags            free labels for grouping and targeting (e.g. "eclairage", "pilote")
 * @param readingCount    distinct readings stored
 * @param lastHealth      the latest health report, as the gateway sent it (only in single-gateway views)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayView(String id, String commune, String status, String statusReason, Instant statusChangedAt,
                          Instant firstSeenAt, Instant lastSeenAt, UUID siteId, String eui, String hardware,
                          List<String> tags, long readingCount, Instant lastReadingAt, JsonNode software,
                          JsonNode lastHealth, Instant lastHealthAt) {
}
