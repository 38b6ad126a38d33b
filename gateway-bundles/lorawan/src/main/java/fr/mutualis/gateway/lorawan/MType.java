package fr.mutualis.gateway.lorawan;

/** The message type carried in the three high bits of the MHDR, in on-air order (0 to 7). */
public enum MType {
    JOIN_REQUEST(true, false),
    JOIN_ACCEPT(false, false),
    UNCONFIRMED_DATA_UP(true, true),
    UNCONFIRMED_DATA_DOWN(false, true),
    CONFIRMED_DATA_UP(true, true),
    CONFIRMED_DATA_DOWN(false, true),
    REJOIN_REQUEST(true, false),
    /** Its direction is not defined by LoRaWAN; {@link #isUplink()} says false. */
    PROPRIETARY(false, false);

    // values() clones its array on every call: parse() runs per frame, so keep one copy.
    private static final MType[] BY_CODE = values();

    private final boolean uplink;
    private final boolean dataFrame;

    MType(boolean uplink, boolean dataFrame) {
        this.uplink = uplink;
        this.dataFrame = dataFrame;
    }

    /** The MType of an MHDR byte (its three high bits). */
    public static MType ofMhdr(int mhdr) {
        return BY_CODE[(mhdr >>> 5) & 0x07];
    }

    /** The 3-bit code of this MType, as transmitted. */
    public int code() {
        return ordinal();
    }

    /** True for messages sent by an end-device (join and rejoin requests, data up). */
    public boolean isUplink() {
        return uplink;
    }

    /** True for the four data MTypes, whose MACPayload is FHDR | FPort | FRMPayload. */
    public boolean isDataFrame() {
        return dataFrame;
    }

    /** True for the two confirmed data MTypes. */
    public boolean isConfirmed() {
        return this == CONFIRMED_DATA_UP || this == CONFIRMED_DATA_DOWN;
    }
}
