package fr.mutualis.gateway.release.pkg;

/**
 * A release package that must not be installed, with the reason in words an operator can act on
 * (reported to the fleet as the update's REFUSED reason).
 */
public class PackageRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public PackageRefusedException(String reason) {
        super(reason);
    }

    public PackageRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
