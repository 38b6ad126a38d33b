package fr.mutualis.hardware.simulator.lorawan;

/** LoRaWAN message types: the three most significant bits of MHDR. */
public enum MType {
    JOIN_REQUEST(0, true),
    JOIN_ACCEPT(1, false),
    UNCONFIRMED_DATA_UP(2, true),
    UNCONFIRMED_DATA_DOWN(3, false),
    CONFIRMED_DATA_UP(4, true),
    CONFIRMED_DATA_DOWN(5, false),
    REJOIN_REQUEST(6, true),
    PROPRIETARY(7, true);

    private final int code;
    private final boolean uplink;

    MType(int code, boolean uplink) {
        this.code = code;
        this.uplink = uplink;
    }

    /** MHDR with this type and LoRaWAN major version R1 (0). */
    public int mhdr() {
        return code << 5;
    }

    public boolean uplink() {
        return uplink;
    }

    public static MType of(byte mhdr) {
        return values()[(mhdr & 0xFF) >>> 5];
    }
}
