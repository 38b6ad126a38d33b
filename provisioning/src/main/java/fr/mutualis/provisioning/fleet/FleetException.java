package fr.mutualis.provisioning.fleet;

import fr.mutualis.provisioning.Messages;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * An expected failure of a call to the fleet: the fleet answered with an error (an RFC 9457
 * problem, or at least a status), could not be reached, or answered something that is not the
 * documented shape. Commands do not catch it: {@code MutualisCommand} turns it into one clear
 * sentence in the user's language and exit code 2, never a stack trace.
 */
public final class FleetException extends Exception {

    private static final long serialVersionUID = 1L;

    private enum Kind { PROBLEM, UNREACHABLE, UNEXPECTED }

    private final Kind kind;
    private final int status;
    private final String title;
    private final String detail;
    private final String target;

    private FleetException(Kind kind, int status, String title, String detail, String target, Throwable cause) {
        super(kind + " " + status + " " + target + ": " + (detail != null ? detail : title), cause);
        this.kind = kind;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.target = target;
    }

    /** The fleet answered {@code status}; {@code title} and {@code detail} come from its problem document, if any. */
    static FleetException problem(int status, String title, String detail, String target) {
        return new FleetException(Kind.PROBLEM, status, title, detail, target, null);
    }

    static FleetException unreachable(String fleet, IOException cause) {
        return new FleetException(Kind.UNREACHABLE, 0, null, null, fleet, cause);
    }

    static FleetException unexpected(int status, String what, String target) {
        return new FleetException(Kind.UNEXPECTED, status, null, what, target, null);
    }

    /** The HTTP status of the fleet's answer, 0 when there was none. */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** One sentence for a technician: what went wrong, the fleet's own words, what to try. */
    public String describe(Messages messages) {
        switch (kind) {
            case UNREACHABLE:
                return messages.get("fleet.unreachable", target, reason(messages, getCause()));
            case UNEXPECTED:
                return status > 0 ? messages.get("fleet.unexpected", status, target + " : " + detail)
                        : messages.get("fleet.unexpected.shape", detail);
            default:
                String key = switch (status) {
                    case 400, 401, 403, 404, 409, 410, 413, 429 -> "fleet.error." + status;
                    default -> status >= 500 ? "fleet.error.5xx" : status >= 300 && status <= 399 ? "fleet.error.redirect"
                            : "fleet.error.other";
                };
                String words = detail != null && !detail.isBlank() ? detail : title;
                if (key.equals("fleet.error.redirect")) {
                    return messages.get(key, status, detail);
                }
                String sentence = messages.get(key, status);
                return words == null || words.isBlank() ? sentence : sentence + " " + messages.get("fleet.error.detail", words);
        }
    }

    private static String reason(Messages messages, Throwable cause) {
        // The JDK wraps the root cause (UnknownHostException in a ConnectException...): look through the chain.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return messages.get("fleet.reason.unknown-host");
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return messages.get("fleet.reason.timeout");
            }
            if (t instanceof SSLException) {
                return messages.get("fleet.reason.tls", String.valueOf(t.getMessage()));
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return messages.get("fleet.reason.refused");
            }
        }
        return messages.get("fleet.reason.other", cause == null ? "?" : String.valueOf(cause.getMessage()));
    }
}
