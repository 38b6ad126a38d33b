package fr.mutualis.fleet.reading;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.mutualis.contract.RadioMetadata;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A stored reading as the API shows it.
 *
 * @param payload the PHYPayload exactly as the gateway received it (base64 in JSON)
 * @param radio   the reception metadata as the gateway reported it (omitted from JSON when there is none,
 *                so that the documented schema, an object, holds)
 */
public record ReadingView(
        String gatewayId,
        @Schema(description = "The gateway's sequence number: from 1, without holes, unique per gateway.") long seq,
        @Schema(description = "When the gateway received the frame; never changes, however late it arrives.")
        Instant receivedAt,
        Instant storedAt,
        @Schema(description = "Received by the gateway while its link to the fleet was down.") boolean late,
        @Schema(allowableValues = {"ALARM", "NORMAL", "BULK"}) String priority,
        @Schema(description = "The LoRaWAN PHYPayload exactly as received.") byte[] payload,
        @Schema(implementation = RadioMetadata.class,
                description = "Reception metadata as the concentrator reported it; absent when it reported none.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        JsonNode radio) {
}
