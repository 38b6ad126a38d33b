package fr.mutualis.fleet.configuration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway's configuration as the fleet sees it: what it should run (its layers merged, at its
 * desired version), what it reported, and where the two differ.
 */
record GatewayConfigurationView(
        String gatewayId,
        String commune,
        @Schema(description = "Its latest desired version; null when its layers never set anything.") Long desiredVersion,
        @Schema(description = "The latest version the broker took (retained for the gateway).") Long publishedVersion,
        @Schema(description = "The desired configuration: PID to properties.") Map<String, Map<String, Object>> desired,
        @Schema(description = "For each desired pid.property, the layer that sets it.") Map<String, String> origins,
        Reported reported,
        @Schema(description = "Desired properties whose reported value differs (before: reported, after: desired).")
        List<ConfigurationDiff.Change> drift,
        @Schema(description = "True when the gateway reported the desired version applied, with the desired values.")
        boolean inSync) {

    /** What the gateway reported last. */
    record Reported(long appliedVersion, long attemptedVersion, String outcome, String error, Instant reportedAt,
                    Map<String, Map<String, Object>> values) {
    }
}
