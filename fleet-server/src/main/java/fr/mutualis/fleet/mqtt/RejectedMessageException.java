package fr.mutualis.fleet.mqtt;

/** An MQTT message that breaks the contract; it is counted under {@link #reason()} and dropped. */
public class RejectedMessageException extends Exception {

    private final String reason;

    public RejectedMessageException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectedMessageException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
