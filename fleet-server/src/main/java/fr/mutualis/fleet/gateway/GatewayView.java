package fr.mutualis.fleet.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.mutualis.contract.HealthReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
public record GatewayView(
        @Schema(description = "The gateway's id, as in its MQTT topics.") String id,
        @Schema(description = "INSEE code of the gateway's commune.") String commune,
        @Schema(allowableValues = {"ONLINE", "STALE", "OFFLINE"}) String status,
        @Schema(description = "Why the status last changed: birth, shutdown, connection-lost, silent...") String statusReason,
        Instant statusChangedAt,
        @Schema(description = "How long the gateway has been in its current status, in seconds.") long statusDurationSeconds,
        Instant firstSeenAt,
        @Schema(description = "The latest message of any kind from the gateway.") Instant lastSeenAt,
        @Schema(description = "Where it is installed, once a technician or an operator has said so.") UUID siteId,
        @Schema(description = "The concentrator's gateway EUI (16 hex digits), as registered.") String eui,
        @Schema(description = "Hardware model, as registered.") String hardware,
        @Schema(description = "Free labels for grouping and targeting, e.g. eclairage, pilote.") List<String> tags,
        @Schema(description = "Distinct readings stored.") long readingCount,
        @Schema(description = "The gateway's receive time of its newest stored reading.") Instant lastReadingAt,
        @Schema(description = "Bundle symbolic name to version, as of the latest birth (single-gateway view only).")
        Map<String, String> software,
        @Schema(implementation = HealthReport.class,
                description = "The latest health report as the gateway sent it (single-gateway view only).")
        JsonNode lastHealth,
        Instant lastHealthAt,
        @Schema(description = "The release (bundle set) the gateway announced in its latest birth that named one; "
                + "absent for gateways older than contract 2.3.") String release,
        @Schema(description = "When that birth arrived.") Instant releaseAnnouncedAt) {
}
