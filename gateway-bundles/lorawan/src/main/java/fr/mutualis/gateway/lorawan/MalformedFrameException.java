package fr.mutualis.gateway.lorawan;

/**
 * Thrown by {@link PhyPayload#parse} for bytes that are not a well-formed LoRaWAN R1 PHYPayload.
 * {@link #reason()} is a short, stable, lower-case label meant for a counter; the message says
 * precisely what was wrong with this frame.
 */
public class MalformedFrameException extends Exception {

    private final String reason;
    private final MType mType;

    /**
     * @param reason a counter label, for example {@code too-short}
     * @param mType the MType read from the MHDR, or null when there was no MHDR at all
     * @param message what was wrong, with the numbers that show it
     */
    public MalformedFrameException(String reason, MType mType, String message) {
        // No stack trace: it would always point at the same line of parse(), and filling it in
        // costs more than parsing a frame, which matters when a gateway hears a flood of junk.
        super(message, null, false, false);
        this.reason = reason;
        this.mType = mType;
    }

    /**
     * The counter label: one of {@code too-short}, {@code too-long}, {@code bad-major},
     * {@code fopts-overflow}, {@code fport0-with-fopts}, {@code join-request-length},
     * {@code join-accept-length}, {@code rejoin-request-length}, {@code rejoin-type}.
     */
    public String reason() {
        return reason;
    }

    /**
     * The MType announced by the frame's MHDR, so that refusals can be counted per type; null only
     * for an empty frame. Also set for {@code bad-major}, where the rest of the frame was not read.
     */
    public MType mType() {
        return mType;
    }
}
