package fr.mutualis.gateway.ingest.gwmp;

/** Input that does not follow the protocol; {@link #reason()} is the counter label. */
class MalformedPacketException extends Exception {

    private final String reason;

    MalformedPacketException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
