package fr.mutualis.hardware.simulator.mix;

/** The ways the mix breaks the GWMP layer: a whole datagram, or one rxpk entry among good ones. */
public enum Malformation {
    BAD_JSON(true, ExpectedOutcome.REJECTED_BAD_JSON),
    TOO_SHORT(true, ExpectedOutcome.REJECTED_TOO_SHORT),
    UNKNOWN_VERSION(true, ExpectedOutcome.REJECTED_UNKNOWN_VERSION),
    RXPK_BAD_BASE64(false, ExpectedOutcome.REJECTED_RXPK_BAD_BASE64),
    RXPK_MISSING_DATA(false, ExpectedOutcome.REJECTED_RXPK_MISSING_DATA),
    RXPK_SIZE_MISMATCH(false, ExpectedOutcome.REJECTED_RXPK_SIZE_MISMATCH);

    private final boolean wholeDatagram;
    private final ExpectedOutcome outcome;

    Malformation(boolean wholeDatagram, ExpectedOutcome outcome) {
        this.wholeDatagram = wholeDatagram;
        this.outcome = outcome;
    }

    public boolean wholeDatagram() {
        return wholeDatagram;
    }

    public ExpectedOutcome outcome() {
        return outcome;
    }

    /** The gateway's reason, e.g. {@code rxpk-bad-base64}. */
    public String reason() {
        return outcome.reason();
    }

    /** By reason ({@code bad-json}) or constant name ({@code BAD_JSON}). */
    public static Malformation parse(String text) {
        for (Malformation malformation : values()) {
            if (malformation.reason().equalsIgnoreCase(text) || malformation.name().equalsIgnoreCase(text)) {
                return malformation;
            }
        }
        throw new IllegalArgumentException("unknown malformation " + text + "; one of bad-json, too-short, "
                + "unknown-version, rxpk-bad-base64, rxpk-missing-data, rxpk-size-mismatch");
    }
}
