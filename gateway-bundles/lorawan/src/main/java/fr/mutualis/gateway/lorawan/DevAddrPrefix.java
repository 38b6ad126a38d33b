package fr.mutualis.gateway.lorawan;

/**
 * A block of DevAddrs written like an IPv4 CIDR block, {@code "26000000/7"}: the DevAddrs whose
 * first {@code length} bits equal those of {@code prefix}. Used in allow and deny lists.
 *
 * @param prefix the first DevAddr of the block; the bits after {@code length} are zero
 * @param length the number of significant leading bits, 0 (every DevAddr) to 32 (one DevAddr)
 */
public record DevAddrPrefix(int prefix, int length) {

    /** @throws IllegalArgumentException for a length outside 0..32 or bits set after the length */
    public DevAddrPrefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("DevAddr prefix length " + length + " is not between 0 and 32");
        }
        if ((prefix & ~mask(length)) != 0) {
            // Like a strict CIDR parser: "26000001/7" is almost certainly a typo, so say so.
            throw new IllegalArgumentException("DevAddr prefix " + Hex.intToHex(prefix) + "/" + length
                    + " has bits set after its first " + length + " (did you mean "
                    + Hex.intToHex(prefix & mask(length)) + "/" + length + "?)");
        }
    }

    /** Parses {@code "26000000/7"}: 8 hexadecimal digits, a slash, a length from 0 to 32. */
    public static DevAddrPrefix parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("DevAddr prefix must look like 26000000/7, got "
                    + (text == null ? "null" : "'" + text + "'"));
        }
        int prefix = (int) Hex.parseFixed(text.substring(0, slash), 8, "DevAddr prefix");
        String lengthText = text.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 2 || !lengthText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("DevAddr prefix '" + text + "' must end with a length from 0 to 32");
        }
        return new DevAddrPrefix(prefix, Integer.parseInt(lengthText));
    }

    /** True when the DevAddr's first {@link #length()} bits are the prefix's. */
    public boolean matches(int devAddr) {
        return (devAddr & mask(length)) == prefix;
    }

    private static int mask(int length) {
        // A shift by 32 is a shift by 0 in Java: length 0 needs its own case.
        return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public String toString() {
        return Hex.intToHex(prefix) + "/" + length;
    }
}
