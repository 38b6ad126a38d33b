package fr.mutualis.gateway.api;

/** Thrown by {@link FrameIntake#accept} when the frames were not accepted; the reason is a metric-friendly word. */
public class IntakeRefusedException extends Exception {

    private final String reason;

    public IntakeRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A short, stable reason such as {@code full} or {@code stopping}, used as a counter label. */
    public String reason() {
        return reason;
    }
}
