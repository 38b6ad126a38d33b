package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What became of a {@link DownlinkRequest}, published by the gateway on {@link Channel#TX_ACK}.
 *
 * @param v      envelope version, {@link #VERSION}
 * @param id     the request's id
 * @param status the forwarder's TX_ACK code, or the gateway's own verdict
 * @param detail a human-readable explanation when the status is not {@link TxStatus#NONE}
 * @param at     when the gateway learnt the outcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DownlinkResult(
        int v,
        String id,
        String gatewayId,
        String commune,
        TxStatus status,
        String detail,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at) {

    public static final int VERSION = 1;
}
