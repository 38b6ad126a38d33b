package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * The envelope the fleet publishes on {@link Channel#DOWN}: one packet for the gateway's
 * concentrator to transmit. The gateway answers on {@link Channel#TX_ACK} with a
 * {@link DownlinkResult} naming the same {@code id}.
 *
 * @param v        envelope version, {@link #VERSION}
 * @param id       the fleet's identifier of this downlink, echoed in the result
 * @param queuedAt when the fleet accepted the request
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DownlinkRequest(
        int v,
        String id,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant queuedAt,
        Txpk txpk) {

    public static final int VERSION = 1;

    public DownlinkRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(txpk, "txpk");
    }
}
