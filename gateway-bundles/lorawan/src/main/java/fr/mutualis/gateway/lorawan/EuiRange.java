package fr.mutualis.gateway.lorawan;

/**
 * An inclusive range of 64-bit EUIs (DevEUI or JoinEUI), written {@code "70b3d57ed0000000-70b3d57ed00fffff"}
 * or as a single EUI. EUIs are compared as unsigned numbers: most assigned EUIs (every OUI from
 * 0x80 up) are negative as a Java long.
 *
 * @param first the lowest EUI of the range, as usually printed (most significant byte first)
 * @param last the highest EUI of the range, not below {@code first} (unsigned)
 */
public record EuiRange(long first, long last) {

    /** @throws IllegalArgumentException when {@code last} is below {@code first} */
    public EuiRange {
        if (Long.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("EUI range " + Hex.longToHex(first) + "-" + Hex.longToHex(last)
                    + " ends before it starts");
        }
    }

    /** Parses {@code "70b3d57ed0000000-70b3d57ed00fffff"} or a single EUI of 16 hexadecimal digits. */
    public static EuiRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("EUI range must be 16 hexadecimal digits, or two joined by '-', got null");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            long eui = Hex.parseFixed(text, 16, "EUI");
            return new EuiRange(eui, eui);
        }
        return new EuiRange(Hex.parseFixed(text.substring(0, dash), 16, "first EUI of range '" + text + "'"),
                Hex.parseFixed(text.substring(dash + 1), 16, "last EUI of range '" + text + "'"));
    }

    /** True when {@code first <= eui <= last}, compared unsigned. */
    public boolean contains(long eui) {
        return Long.compareUnsigned(eui, first) >= 0 && Long.compareUnsigned(eui, last) <= 0;
    }

    @Override
    public String toString() {
        return first == last ? Hex.longToHex(first) : Hex.longToHex(first) + "-" + Hex.longToHex(last);
    }
}
