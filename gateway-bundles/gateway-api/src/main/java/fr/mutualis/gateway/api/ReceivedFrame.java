package fr.mutualis.gateway.api;

import fr.mutualis.contract.RadioMetadata;
import java.time.Instant;
import java.util.Objects;

/**
 * A radio frame as ingest received it, before it is accepted and numbered.
 *
 * @param receivedAt the gateway's clock when the datagram carrying the frame arrived
 * @param phyPayload the LoRaWAN PHYPayload bytes exactly as received
 * @param radio      reception metadata reported by the concentrator
 */
public record ReceivedFrame(Instant receivedAt, byte[] phyPayload, RadioMetadata radio) {

    public ReceivedFrame {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(phyPayload, "phyPayload");
    }

    @Override
    public String toString() {
        return "ReceivedFrame[receivedAt=" + receivedAt + ", " + phyPayload.length + " bytes]";
    }
}
