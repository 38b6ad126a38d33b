package fr.mutualis.fleet.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an operator asks for when creating a campaign; absent fields take the documented defaults.
 * Unknown fields are refused ({@link CampaignController}): a misspelt {@code "canary"} must not start a
 * campaign without canaries.
 */
@Schema(description = "A campaign to create and start.")
public record CampaignRequest(
        @Schema(description = "A name for people.", requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(description = "The release to install (a stored release's version).", requiredMode = Schema.RequiredMode.REQUIRED)
        String release,
        @Schema(description = "Which gateways: the filters given must all match; resolved once, when the campaign starts.")
        Targets targets,
        @Schema(description = "Gateways of the first wave, alone (each must be a target).") List<String> canaries,
        @Schema(description = "Cumulative percentages of the other targets, one per wave, the last 100. Default [10, 50, 100].")
        List<Integer> waves,
        FailureThreshold failureThreshold,
        @Schema(description = "How long the new release must stay healthy on a gateway before it keeps it. Default 600.")
        Integer healthWindowSeconds,
        @Schema(description = "Dead-man switch: the gateway reverts if it cannot reach the fleet for this long after "
                + "installing. Default 1800.") Integer contactTimeoutSeconds,
        @Schema(description = "Download bandwidth cap per gateway, 0 for none. Default 0.") Long maxBytesPerSecond,
        @Schema(description = "Allow installing a release older than the one a gateway runs. Default false.")
        Boolean allowDowngrade,
        @Schema(description = "A target without a final status this long after its order counts as failed (TIMED_OUT). "
                + "Default 3600; must exceed the health window.") Integer waveTimeoutSeconds,
        @Schema(description = "When orders may be published; none: any time.") List<MaintenanceWindow> maintenanceWindows) {

    @Schema(description = "Target filters; an absent or empty filter does not restrict.")
        public record Targets(
            @Schema(description = "INSEE codes of communes.") List<String> communes,
            @Schema(description = "Gateway tags (any of them).") List<String> tags,
            @Schema(description = "Releases the gateways run now (any of them).") List<String> releases) {
    }
}
