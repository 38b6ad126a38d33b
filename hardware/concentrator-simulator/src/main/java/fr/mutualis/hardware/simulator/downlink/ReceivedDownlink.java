package fr.mutualis.hardware.simulator.downlink;

import java.time.Instant;

/**
 * A PULL_RESP as the simulated forwarder handled it.
 *
 * @param receivedAt wall-clock arrival
 * @param version    protocol version byte of the PULL_RESP
 * @param token      its token (v2; in v1 these bytes are unused)
 * @param json       its body as text
 * @param txpk       the validated txpk, or null when rejected
 * @param result     the TX_ACK error decided for a valid txpk, or null when rejected
 * @param rejection  why the txpk was refused without TX_ACK ({@code bad-json}, {@code missing-freq},
 *                   {@code bad-base64}, {@code size-mismatch}, ...), or null
 * @param txAckSent  whether a TX_ACK went back (never in protocol v1, which has none)
 */
public record ReceivedDownlink(Instant receivedAt, int version, int token, String json, Txpk txpk,
                               TxAckError result, String rejection, boolean txAckSent) {

    /** {@code tx-ack:<ERROR>} for a valid txpk, {@code rejected:<reason>} otherwise. */
    public String outcome() {
        return result != null ? "tx-ack:" + result.name() : "rejected:" + rejection;
    }
}
