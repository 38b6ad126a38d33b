package fr.mutualis.hardware.simulator.mix;

/**
 * The rxpk layouts of the forwarders a gateway agent meets in the field. A datagram uses one
 * layout for all its entries, as a single forwarder would.
 */
enum RxpkFormat {
    /** Semtech packet_forwarder v4 (and the v1 basic forwarders): the fields of PROTOCOL.TXT only. */
    SEMTECH("semtech"),
    /** sx1302_hal's lora_pkt_fwd: adds jver, mid, rssis, foff, optional ftime and tmms; freq with 6 decimals. */
    SX1302("sx1302"),
    /** Multi-antenna gateways (Kerlink iBTS style, as ChirpStack reads it): jver 2, brd, aesk, per-antenna rsig array. */
    MULTI_ANTENNA("rsig"),
    /** A forwarder that adds a {@code meta} object of string properties and writes shortest-form numbers. */
    META("meta");

    final String label;

    RxpkFormat(String label) {
        this.label = label;
    }
}
