package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a gateway should be configured with, published by the fleet <em>retained</em> on
 * {@link Channel#CONFIG}: the broker hands the latest version to the gateway at every
 * subscription, so a gateway that was offline during a push converges when it returns, and
 * nothing depends on a synchronous call.
 *
 * <p>{@code components} maps a configuration PID to the properties the fleet manages for it
 * (JSON strings, numbers, booleans, or arrays of them for multi-valued attributes). Properties
 * the document does not name are left as the installer set them; a property the fleet stops
 * naming returns to the component's default. The gateway applies the whole document atomically
 * or not at all, then answers with a {@link ConfigurationReport}.
 *
 * @param v          envelope version, {@link #VERSION}
 * @param version    the fleet's version of this gateway's configuration, increasing with each change
 * @param issuedAt   when the fleet computed it
 * @param components PID to managed properties
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesiredConfiguration(
        int v,
        String gatewayId,
        String commune,
        long version,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt,
        Map<String, Map<String, Object>> components) {

    public static final int VERSION = 1;

    public DesiredConfiguration {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(commune, "commune");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        components = copy(components);
    }

    private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> components) {
        Map<String, Map<String, Object>> sorted = new TreeMap<>();
        if (components != null) {
            components.forEach((pid, properties) -> sorted.put(Objects.requireNonNull(pid, "pid"),
                    properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties))));
        }
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
