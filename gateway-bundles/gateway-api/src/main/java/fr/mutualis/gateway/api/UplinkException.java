package fr.mutualis.gateway.api;

/** A publication the broker did not acknowledge. */
public class UplinkException extends Exception {

    public UplinkException(String message) {
        super(message);
    }

    public UplinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
