package fr.mutualis.fleet.audit;

/** The verification could not be carried out (as opposed to: it found the log broken). */
final class CannotVerifyException extends Exception {

    CannotVerifyException(String message) {
        super(message);
    }
}
