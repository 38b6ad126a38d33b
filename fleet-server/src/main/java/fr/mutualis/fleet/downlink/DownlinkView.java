package fr.mutualis.fleet.downlink;

import fr.mutualis.contract.Txpk;
import java.time.Instant;
import java.util.UUID;

/**
 * A downlink as the API shows it.
 *
 * @param status QUEUED, PUBLISHED, or the gateway's verdict ({@link fr.mutualis.contract.TxStatus})
 */
public record DownlinkView(UUID id, String gatewayId, Txpk txpk, String status, String detail, Instant queuedAt,
                           Instant publishedAt, Instant resultAt) {
}
