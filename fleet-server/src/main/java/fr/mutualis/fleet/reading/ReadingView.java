package fr.mutualis.fleet.reading;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A stored reading as the API shows it.
 *
 * @param payload the PHYPayload exactly as the gateway received it (base64 in JSON)
 * @param radio   the reception metadata as the gateway reported it
 */
public record ReadingView(String gatewayId, long seq, Instant receivedAt, Instant storedAt, boolean late,
                          String priority, byte[] payload, JsonNode radio) {
}
