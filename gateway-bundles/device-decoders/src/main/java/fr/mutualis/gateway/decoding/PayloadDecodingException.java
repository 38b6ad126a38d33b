package fr.mutualis.gateway.decoding;

/**
 * A payload that does not follow its device class's documented format. The {@link #reason()} is a
 * short, stable label to count rejections by; the message says precisely what was wrong, with offsets
 * and values, for the operator reading the log.
 */
public class PayloadDecodingException extends Exception {

    /** The fPort is not used by the device class at all. */
    public static final String UNKNOWN_FPORT = "unknown-fport";
    /** The device class uses this fPort, but its messages are deliberately not decoded (see the decoder's Javadoc). */
    public static final String UNSUPPORTED_FPORT = "unsupported-fport";
    /** Shorter than the smallest message documented for this fPort (includes the empty payload). */
    public static final String TOO_SHORT = "too-short";
    /** Not one of the lengths documented for this fPort. */
    public static final String BAD_LENGTH = "bad-length";
    /** A self-describing field (channel) announces more bytes than the payload still holds. */
    public static final String TRUNCATED = "truncated";
    /** A message-type code that the format does not document. */
    public static final String UNKNOWN_MESSAGE_TYPE = "unknown-message-type";
    /** A channel identifier that the format does not document for uplinks. */
    public static final String UNKNOWN_CHANNEL = "unknown-channel";
    /** The same channel twice in one payload: the values would contradict each other. */
    public static final String DUPLICATE_CHANNEL = "duplicate-channel";
    /** A frame-format version that the decoder does not know. */
    public static final String UNSUPPORTED_VERSION = "unsupported-version";
    /** A field holds a value outside its documented range. */
    public static final String BAD_VALUE = "bad-value";

    private final String reason;

    public PayloadDecodingException(String reason, String message) {
        // No stack trace: rejections are expected input, counted by reason and explained by the
        // message; filling a trace for every bad radio frame would only cost time on a small CPU.
        super(message, null, false, false);
        this.reason = reason;
    }

    /** A short, stable reason such as {@code too-short} or {@code unknown-fport}, used as a counter label. */
    public String reason() {
        return reason;
    }
}
