package fr.mutualis.contract;

/**
 * What became of a downlink. The first eight values are the packet forwarder's own TX_ACK
 * {@code error} codes (Semtech UDP protocol v2, {@code NONE} meaning accepted for transmission);
 * the others are decided by the gateway agent.
 */
public enum TxStatus {
    /** The concentrator accepted the packet for transmission (TX_ACK error NONE). */
    NONE,
    TOO_LATE,
    TOO_EARLY,
    COLLISION_PACKET,
    COLLISION_BEACON,
    TX_FREQ,
    TX_POWER,
    GPS_UNLOCKED,
    /** Sent to a forwarder that does not answer with TX_ACK (protocol version 1): delivered, result unknown. */
    SENT_UNCONFIRMED,
    /** The forwarder did not answer with a TX_ACK in time. */
    NO_TX_ACK,
    /** No packet forwarder has polled the gateway recently (no PULL_DATA): nowhere to send it. */
    NO_FORWARDER,
    /** The gateway refused the request as invalid; the detail says why. */
    INVALID,
    /** The forwarder answered with an error code this version does not know; the detail names it. */
    UNKNOWN_ERROR;

    /** The status for a TX_ACK {@code error} string, or empty for an unknown code. */
    public static java.util.Optional<TxStatus> fromForwarderError(String error) {
        if (error == null) {
            return java.util.Optional.empty();
        }
        return switch (error) {
            case "NONE", "TOO_LATE", "TOO_EARLY", "COLLISION_PACKET", "COLLISION_BEACON", "TX_FREQ", "TX_POWER",
                 "GPS_UNLOCKED" -> java.util.Optional.of(valueOf(error));
            default -> java.util.Optional.empty();
        };
    }
}
