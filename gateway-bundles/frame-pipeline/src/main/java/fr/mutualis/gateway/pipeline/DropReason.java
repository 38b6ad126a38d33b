package fr.mutualis.gateway.pipeline;

/** Why the pipeline dropped a frame; {@link #label()} is the counter name in the health report. */
public enum DropReason {
    /** The concentrator reported a bad physical-layer CRC ({@code stat} = -1). */
    CRC_FAILED("crc-failed"),
    /** The frame had no CRC ({@code stat} = 0); LoRaWAN uplinks always carry one. */
    CRC_MISSING("crc-missing"),
    /** Not a LoRaWAN R1 PHYPayload: wrong major version, truncated, inconsistent lengths. */
    NOT_LORAWAN("not-lorawan"),
    /** A downlink or join-accept from a neighbouring gateway, heard by our concentrator. */
    NOT_UPLINK("not-uplink"),
    /** A proprietary (MType 7) frame, not forwarded unless configured. */
    PROPRIETARY("proprietary"),
    /** A join request while joins are not forwarded. */
    JOIN_DISABLED("join-disabled"),
    /** A data frame whose DevAddr belongs to a network not in the NetID allow-list. */
    NETID_NOT_ALLOWED("netid-not-allowed"),
    /** A data frame whose DevAddr matches a deny prefix. */
    DEVADDR_DENIED("devaddr-denied"),
    /** A data frame whose DevAddr matches none of the allow prefixes. */
    DEVADDR_NOT_ALLOWED("devaddr-not-allowed"),
    /** A join request whose JoinEUI is outside the configured ranges. */
    JOINEUI_NOT_ALLOWED("joineui-not-allowed"),
    /** The same PHYPayload was received within the deduplication window. */
    DUPLICATE("duplicate"),
    /** The device exceeded its frame allowance. */
    RATE_LIMITED("rate-limited");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
