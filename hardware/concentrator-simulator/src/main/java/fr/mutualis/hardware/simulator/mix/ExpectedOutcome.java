package fr.mutualis.hardware.simulator.mix;

/**
 * What a gateway configured with the mix's {@link MixPolicy} must do with an rxpk entry or a
 * datagram. The labels are the ones the end-to-end test compares with the gateway's counters:
 * {@code forwarded:<LANE>}, {@code dropped:<pipeline reason>}, {@code rejected:<GWMP reason>}.
 */
public enum ExpectedOutcome {
    FORWARDED_ALARM("forwarded:ALARM"),
    FORWARDED_NORMAL("forwarded:NORMAL"),
    FORWARDED_BULK("forwarded:BULK"),
    DROPPED_CRC_FAILED("dropped:crc-failed"),
    DROPPED_CRC_MISSING("dropped:crc-missing"),
    DROPPED_NOT_LORAWAN("dropped:not-lorawan"),
    DROPPED_NOT_UPLINK("dropped:not-uplink"),
    DROPPED_NETID_NOT_ALLOWED("dropped:netid-not-allowed"),
    DROPPED_JOINEUI_NOT_ALLOWED("dropped:joineui-not-allowed"),
    DROPPED_DUPLICATE("dropped:duplicate"),
    DROPPED_RATE_LIMITED("dropped:rate-limited"),
    REJECTED_BAD_JSON("rejected:bad-json"),
    REJECTED_TOO_SHORT("rejected:too-short"),
    REJECTED_UNKNOWN_VERSION("rejected:unknown-version"),
    REJECTED_RXPK_BAD_BASE64("rejected:rxpk-bad-base64"),
    REJECTED_RXPK_MISSING_DATA("rejected:rxpk-missing-data"),
    REJECTED_RXPK_SIZE_MISMATCH("rejected:rxpk-size-mismatch");

    private final String label;

    ExpectedOutcome(String label) {
        this.label = label;
    }

    /** e.g. {@code dropped:crc-failed}. */
    public String label() {
        return label;
    }

    /** The part after the colon: a lane name, or the reason as the gateway counts it. */
    public String reason() {
        return label.substring(label.indexOf(':') + 1);
    }

    public boolean forwarded() {
        return label.startsWith("forwarded:");
    }

    public boolean dropped() {
        return label.startsWith("dropped:");
    }

    public boolean rejected() {
        return label.startsWith("rejected:");
    }

    /** The lane of a forwarded outcome. */
    public Lane lane() {
        if (!forwarded()) {
            throw new IllegalStateException(label + " is not forwarded");
        }
        return Lane.valueOf(reason());
    }

    public static ExpectedOutcome forwarded(Lane lane) {
        return switch (lane) {
            case ALARM -> FORWARDED_ALARM;
            case NORMAL -> FORWARDED_NORMAL;
            case BULK -> FORWARDED_BULK;
        };
    }

    public static ExpectedOutcome ofLabel(String label) {
        for (ExpectedOutcome outcome : values()) {
            if (outcome.label.equals(label)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome label " + label);
    }
}
