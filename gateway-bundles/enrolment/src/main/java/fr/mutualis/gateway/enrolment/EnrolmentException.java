package fr.mutualis.gateway.enrolment;

/**
 * An enrolment that did not happen. {@link #permanent()} failures (the fleet refused the code or
 * the request) need a person; the others (network, server unavailable) are worth retrying.
 */
public class EnrolmentException extends Exception {

    private final String reason;
    private final boolean permanent;

    public EnrolmentException(String reason, String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.permanent = permanent;
    }

    /** The fleet's stable reason (TOKEN_EXPIRED, TOKEN_USED...), or UNTRUSTED_SERVER, NETWORK, PROTOCOL. */
    public String reason() {
        return reason;
    }

    public boolean permanent() {
        return permanent;
    }
}
