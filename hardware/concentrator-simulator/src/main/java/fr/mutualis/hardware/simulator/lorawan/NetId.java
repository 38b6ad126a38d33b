package fr.mutualis.hardware.simulator.lorawan;

/**
 * A LoRaWAN NetID (24 bits: 3-bit type, 21-bit ID) and the DevAddr block it owns, per the
 * LoRaWAN Backend Interfaces specification: a DevAddr starts with {@code type} one bits and a
 * zero, then the NwkID (the NetID's least significant bits, 6 to 17 of them by type), then the
 * NwkAddr chosen by the network. NetID 000013 (type 0, NwkID 0x13) owns 26000000/7.
 */
public record NetId(int value) {

    /** NwkID length by NetID type 0..7. */
    private static final int[] NWK_ID_BITS = {6, 6, 9, 11, 12, 13, 15, 17};

    public NetId {
        if (value < 0 || value > 0xFF_FFFF) {
            throw new IllegalArgumentException("a NetID has 24 bits: " + Integer.toHexString(value));
        }
    }

    /** Parses 6 hex digits, e.g. {@code 000013}. */
    public static NetId parse(String hex) {
        return new NetId(Integer.parseInt(hex.trim(), 16));
    }

    public int type() {
        return value >>> 21;
    }

    public int nwkId() {
        return value & ((1 << NWK_ID_BITS[type()]) - 1);
    }

    /** Bits of a DevAddr fixed by this NetID: the type prefix and the NwkID. */
    public int prefixLength() {
        return type() + 1 + NWK_ID_BITS[type()];
    }

    /** The DevAddr block's first address, e.g. 0x26000000 for NetID 000013. */
    public int devAddrPrefix() {
        long typePrefix = ((1L << type()) - 1) << 1; // type ones followed by a zero
        long fixed = (typePrefix << NWK_ID_BITS[type()]) | nwkId();
        return (int) (fixed << (32 - prefixLength()));
    }

    public boolean owns(int devAddr) {
        int shift = 32 - prefixLength();
        return (devAddr >>> shift) == (devAddrPrefix() >>> shift);
    }

    /** The DevAddr with this NetID's prefix and the given NwkAddr (extra high bits ignored). */
    public int devAddr(int nwkAddr) {
        int nwkAddrBits = 32 - prefixLength();
        return devAddrPrefix() | (nwkAddr & (int) ((1L << nwkAddrBits) - 1));
    }

    @Override
    public String toString() {
        return String.format("%06X", value);
    }
}
