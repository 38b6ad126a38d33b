package fr.mutualis.fleet.enrolment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;

/**
 * What a token is for.
 *
 * @param commune   INSEE code of the commune the gateway will belong to
 * @param site      optional site of that commune (its name or id)
 * @param gatewayId optional: the id the gateway must have; otherwise the gateway proposes its own
 * @param validFor  optional lifetime (ISO-8601 duration, default PT24H, at most the configured maximum)
 */
public record EnrolmentTokenRequest(
        @Schema(example = "35238") String commune,
        @Schema(example = "mairie") String site,
        @Schema(example = "gw-35238-mairie") String gatewayId,
        @Schema(type = "string", example = "PT24H") Duration validFor) {
}
