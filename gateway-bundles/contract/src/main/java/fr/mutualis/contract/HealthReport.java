package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A periodic health report on {@link Channel#HEALTH}. Metric names are dotted, lower-case,
 * prefixed by the component that reports them (for example {@code ingest.gwmp.packets.rejected});
 * the list of names is documented in {@code docs/protocol.md}.
 *
 * @param v       envelope version, {@link #VERSION}
 * @param session the MQTT session that sent it (see {@link GatewayState#session()})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthReport(
        int v,
        String gatewayId,
        String commune,
        String session,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at,
        long uptimeSeconds,
        Map<String, Double> metrics) {

    public static final int VERSION = 1;

    public HealthReport {
        Objects.requireNonNull(metrics, "metrics");
        metrics = Map.copyOf(metrics);
    }
}
