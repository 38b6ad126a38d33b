package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a gateway's configuration actually is, published on {@link Channel#CONFIG_STATE} when it
 * connects, after every apply and whenever a configuration changes locally.
 *
 * @param v                envelope version, {@link #VERSION}
 * @param at               when the gateway built the report
 * @param appliedVersion   the desired version running now (the last known good); 0 for the installer's configuration
 * @param attemptedVersion the latest desired version received, whatever became of it; 0 if none
 * @param outcome          what became of {@code attemptedVersion}
 * @param error            why it was refused or rolled back
 * @param components       every configurable component with its schema and current values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigurationReport(
        int v,
        String gatewayId,
        String commune,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at,
        long appliedVersion,
        long attemptedVersion,
        ConfigurationOutcome outcome,
        String error,
        List<ReportedComponent> components) {

    public static final int VERSION = 1;

    public ConfigurationReport {
        components = components == null ? List.of() : List.copyOf(components);
    }
}
