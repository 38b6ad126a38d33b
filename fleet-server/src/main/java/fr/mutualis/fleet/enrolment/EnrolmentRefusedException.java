package fr.mutualis.fleet.enrolment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An enrolment the fleet will not perform, with a reason a technician can act on. The problem's
 * {@code reason} property is stable for programs (the gateway and the CLI translate it).
 */
public class EnrolmentRefusedException extends ErrorResponseException {

    /** Why, and the HTTP status that says it. */
    public enum Reason {
        TOKEN_UNKNOWN(HttpStatus.FORBIDDEN, "Unknown enrolment code"),
        TOKEN_EXPIRED(HttpStatus.GONE, "Enrolment code expired"),
        TOKEN_USED(HttpStatus.GONE, "Enrolment code already used"),
        TOKEN_CANCELLED(HttpStatus.GONE, "Enrolment code cancelled"),
        GATEWAY_ID_MISMATCH(HttpStatus.CONFLICT, "Gateway id does not match the code"),
        GATEWAY_ALREADY_ENROLLED(HttpStatus.CONFLICT, "Gateway already enrolled"),
        GATEWAY_IN_OTHER_COMMUNE(HttpStatus.CONFLICT, "Gateway belongs to another commune"),
        NO_GATEWAY_ID(HttpStatus.BAD_REQUEST, "No gateway id"),
        BAD_CSR(HttpStatus.BAD_REQUEST, "Invalid certificate request"),
        TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "Too many failed enrolment attempts");

        final HttpStatus status;
        final String title;

        Reason(HttpStatus status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    private final Reason reason;

    public EnrolmentRefusedException(Reason reason, String detail) {
        super(reason.status, problem(reason, detail), null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    private static ProblemDetail problem(Reason reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(reason.status, detail);
        problem.setTitle(reason.title);
        problem.setProperty("reason", reason.name());
        return problem;
    }
}
