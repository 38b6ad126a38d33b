package fr.mutualis.gateway.decoding.wire;

/**
 * Unsigned reads of fixed-width fields. Callers check the payload length first, so that a short
 * payload becomes a precise {@code PayloadDecodingException} rather than an index error here.
 */
public final class ByteFields {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ByteFields() {
    }

    public static int uint8(byte[] bytes, int offset) {
        return bytes[offset] & 0xFF;
    }

    public static int uint16LittleEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    /** Returned as a long: the top bit of a 32-bit counter is a value, not a sign. */
    public static long uint32LittleEndian(byte[] bytes, int offset) {
        return (uint16LittleEndian(bytes, offset) | (long) uint16LittleEndian(bytes, offset + 2) << 16);
    }

    /** Lower-case hex of {@code length} bytes from {@code offset}, for identifiers and error messages. */
    public static String hex(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0x0F];
        }
        return new String(out);
    }

    /** {@code 0x2a}-style rendering of one byte for error messages. */
    public static String hexByte(int value) {
        return "0x" + HEX[(value >>> 4) & 0x0F] + HEX[value & 0x0F];
    }
}
