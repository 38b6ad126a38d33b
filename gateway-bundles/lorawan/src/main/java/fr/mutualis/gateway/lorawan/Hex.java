package fr.mutualis.gateway.lorawan;

/** Fixed-width hexadecimal parsing and printing for identifiers typed in configuration. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /**
     * Parses exactly {@code digits} hexadecimal digits (either case) into an unsigned value.
     * Stricter than {@link Long#parseUnsignedLong(String, int)}, which accepts a sign and
     * shorter strings: a DevEUI typed with a digit missing must be an error, not another EUI.
     */
    static long parseFixed(String text, int digits, String what) {
        if (text == null || text.length() != digits) {
            throw new IllegalArgumentException(what + " must be " + digits + " hexadecimal digits, got "
                    + (text == null ? "null" : "'" + text + "'"));
        }
        long value = 0;
        for (int i = 0; i < digits; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException(what + " '" + text + "' has a non-hexadecimal character at position " + i);
            }
            value = value << 4 | digit;
        }
        return value;
    }

    static String byteToHex(int value) {
        return toHex(value & 0xffL, 2);
    }

    static String intToHex(int value) {
        return toHex(value & 0xffffffffL, 8);
    }

    static String longToHex(long value) {
        return toHex(value, 16);
    }

    static String toHex(long value, int digits) {
        char[] text = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            text[i] = DIGITS[(int) (value & 0x0f)];
            value >>>= 4;
        }
        return new String(text);
    }
}
