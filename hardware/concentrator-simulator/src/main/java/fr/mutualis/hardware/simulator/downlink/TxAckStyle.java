package fr.mutualis.hardware.simulator.downlink;

/** How a forwarder words its TX_ACK; network servers must read both. */
public enum TxAckStyle {
    /** Semtech packet_forwarder (protocol v1.3): always a JSON body, {@code "error":"NONE"} on success. */
    SEMTECH,
    /** sx1302_hal (protocol v1.5+): no JSON body on success; {@code TX_POWER} is a {@code warn} with the power used. */
    SX1302
}
