package fr.mutualis.fleet.downlink;

import fr.mutualis.contract.Txpk;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A downlink as the API shows it.
 *
 * @param status QUEUED, PUBLISHED, EXPIRED, or the gateway's verdict ({@link fr.mutualis.contract.TxStatus})
 */
public record DownlinkView(
        UUID id,
        String gatewayId,
        Txpk txpk,
        @Schema(description = "QUEUED (stored, not yet taken by the broker), PUBLISHED (taken by the broker), "
                + "EXPIRED (the broker did not take it within 10 min: never sent), "
                + "or the gateway's verdict: NONE means accepted for transmission by the concentrator.",
                allowableValues = {"QUEUED", "PUBLISHED", "EXPIRED", "NONE", "TOO_LATE", "TOO_EARLY", "COLLISION_PACKET",
                        "COLLISION_BEACON", "TX_FREQ", "TX_POWER", "GPS_UNLOCKED", "SENT_UNCONFIRMED", "NO_TX_ACK",
                        "NO_FORWARDER", "INVALID", "UNKNOWN_ERROR"})
        String status,
        @Schema(nullable = true, description = "The gateway's explanation of its verdict.") String detail,
        Instant queuedAt,
        @Schema(nullable = true) Instant publishedAt,
        @Schema(nullable = true) Instant resultAt) {
}
