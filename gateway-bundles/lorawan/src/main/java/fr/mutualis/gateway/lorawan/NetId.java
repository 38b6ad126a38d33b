package fr.mutualis.gateway.lorawan;

/**
 * A 24-bit LoRaWAN NetID, as assigned by the LoRa Alliance: a 3-bit type, then RFU zero bits,
 * then an ID of 6 (types 0 and 1), 9 (type 2) or 21 bits (types 3 to 7). The DevAddrs a network
 * assigns start with its type prefix and its NwkID, the low bits of the ID (see {@link DevAddrs}
 * for the lengths and their sources). The Things Network's 000013 is type 0, NwkID 0x13, and owns
 * the DevAddrs {@code 26000000/7} (26xxxxxx and 27xxxxxx).
 *
 * @param value the NetID as a number, 0 to 0xFFFFFF, as printed (most significant byte first)
 */
public record NetId(int value) {

    private static final int TYPE_SHIFT = 21;

    /** @throws IllegalArgumentException when out of range or when a type 0 to 2 NetID has RFU bits set */
    public NetId {
        if ((value & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("NetID " + Integer.toHexString(value) + " does not fit in 24 bits");
        }
        int type = value >>> TYPE_SHIFT;
        int idBits = idBits(type);
        int rfu = value & ((1 << TYPE_SHIFT) - 1) & ~((1 << idBits) - 1);
        if (rfu != 0) {
            // The Backend Interfaces specification sets RFU bits to zero: a NetID with them set is a typo.
            throw new IllegalArgumentException("NetID " + Hex.toHex(value, 6) + " is type " + type + ", whose ID has "
                    + idBits + " bits, but its RFU bits are not zero");
        }
    }

    /** Parses the usual 6 hexadecimal digits, for example {@code "000013"}. */
    public static NetId parse(String text) {
        return new NetId((int) Hex.parseFixed(text, 6, "NetID"));
    }

    /** The NetID type, 0 to 7 (the 3 most significant bits). */
    public int type() {
        return value >>> TYPE_SHIFT;
    }

    /** The ID field: the 6, 9 or 21 least significant bits, depending on the type. */
    public int id() {
        return value & ((1 << idBits(type())) - 1);
    }

    /** The NwkID that this network's DevAddrs carry: the least significant bits of {@link #id()}. */
    public int nwkId() {
        return value & ((1 << DevAddrs.nwkIdBits(type())) - 1);
    }

    /** The DevAddr prefix of this network: type prefix followed by NwkID, e.g. {@code 26000000/7} for 000013. */
    public DevAddrPrefix devAddrPrefix() {
        int type = type();
        int prefix = DevAddrs.typePrefix(type) | nwkId() << DevAddrs.nwkAddrBits(type);
        return new DevAddrPrefix(prefix, DevAddrs.typePrefixLength(type) + DevAddrs.nwkIdBits(type));
    }

    /**
     * True when the DevAddr was assigned under this NetID's prefix. For types 3 to 7 several NetIDs
     * share a NwkID, so a DevAddr may be "contained" in more than one of them.
     */
    public boolean contains(int devAddr) {
        return devAddrPrefix().matches(devAddr);
    }

    private static int idBits(int type) {
        return type <= 1 ? 6 : type == 2 ? 9 : 21;
    }

    /** The usual 6 lower-case hexadecimal digits. */
    @Override
    public String toString() {
        return Hex.toHex(value, 6);
    }
}
