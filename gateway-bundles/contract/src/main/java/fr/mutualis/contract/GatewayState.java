package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * Birth and death of a gateway's MQTT session, published retained on {@link Channel#STATE}.
 *
 * <p>The gateway publishes {@code ONLINE} right after it connects and registers an
 * {@code OFFLINE} message with reason {@code connection-lost} as its MQTT last will, so the
 * broker announces its death when the keep-alive expires. {@code session} identifies one
 * connection: a receiver ignores a death whose session is not the current one, so a late
 * last will cannot mark a gateway that has already reconnected as offline.
 *
 * @param v        envelope version, {@link #VERSION}
 * @param status   online or offline
 * @param session  unique per MQTT connection of this gateway
 * @param at       when the gateway created this message (for a last will: when it connected)
 * @param reason   birth, shutdown or connection-lost
 * @param software bundle symbolic name to version, on birth
 * @param release  the release (bundle set) the gateway runs, on birth; absent from gateways older than contract 2.3
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GatewayState(
        int v,
        String gatewayId,
        String commune,
        Status status,
        String session,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at,
        String reason,
        Map<String, String> software,
        String release) {

    public static final int VERSION = 1;
    public static final String REASON_BIRTH = "birth";
    public static final String REASON_SHUTDOWN = "shutdown";
    public static final String REASON_CONNECTION_LOST = "connection-lost";

    public enum Status { ONLINE, OFFLINE }

    public static GatewayState birth(String gatewayId, String commune, String session, Instant at,
                                     Map<String, String> software) {
        return birth(gatewayId, commune, session, at, software, null);
    }

    public static GatewayState birth(String gatewayId, String commune, String session, Instant at,
                                     Map<String, String> software, String release) {
        return new GatewayState(VERSION, gatewayId, commune, Status.ONLINE, session, at, REASON_BIRTH,
                Map.copyOf(software), release);
    }

    public static GatewayState death(String gatewayId, String commune, String session, Instant at,
                                     String reason) {
        return new GatewayState(VERSION, gatewayId, commune, Status.OFFLINE, session, at, reason, null, null);
    }
}
