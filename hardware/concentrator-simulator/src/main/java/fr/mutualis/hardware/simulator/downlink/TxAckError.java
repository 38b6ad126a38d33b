package fr.mutualis.hardware.simulator.downlink;

/** The values of {@code txpk_ack.error} (packet forwarder protocol v2, PROTOCOL.TXT section 6). */
public enum TxAckError {
    /** Programmed for transmission. */
    NONE,
    /** Too late to program it: its time has passed or is closer than the forwarder's lead time. */
    TOO_LATE,
    /** Its timestamp is further ahead than the forwarder accepts. */
    TOO_EARLY,
    /** Another downlink is already programmed in that time frame. */
    COLLISION_PACKET,
    /** A beacon is planned in that time frame. */
    COLLISION_BEACON,
    /** The frequency is not supported by the TX RF chain. */
    TX_FREQ,
    /** The power is not supported by the gateway (sx1302_hal reports it as a warning and sends anyway). */
    TX_POWER,
    /** GPS-timed transmission requested but the GPS is not locked. */
    GPS_UNLOCKED
}
