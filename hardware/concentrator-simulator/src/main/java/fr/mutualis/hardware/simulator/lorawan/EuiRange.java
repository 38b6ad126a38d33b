package fr.mutualis.hardware.simulator.lorawan;

/** An inclusive range of 64-bit EUIs (e.g. the JoinEUIs a network accepts), compared unsigned. */
public record EuiRange(long first, long last) {

    public EuiRange {
        if (Long.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("empty EUI range " + hex(first) + "-" + hex(last));
        }
    }

    /** Parses {@code FIRST-LAST}, each 16 hex digits. */
    public static EuiRange parse(String text) {
        String[] bounds = text.trim().split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("EUI range must be FIRST-LAST (16 hex digits each): " + text);
        }
        return new EuiRange(Long.parseUnsignedLong(bounds[0].trim(), 16), Long.parseUnsignedLong(bounds[1].trim(), 16));
    }

    public boolean contains(long eui) {
        return Long.compareUnsigned(eui, first) >= 0 && Long.compareUnsigned(eui, last) <= 0;
    }

    public static String hex(long eui) {
        return String.format("%016X", eui);
    }

    @Override
    public String toString() {
        return hex(first) + "-" + hex(last);
    }
}
