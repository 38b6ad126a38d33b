package fr.mutualis.fleet.release;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An upload the fleet will not keep, with the precise reason (also the counter's tag). */
public class ReleaseRefusedException extends ErrorResponseException {

    /** Why, as the problem's {@code reason} and the tag of {@code mutualis.releases.refused}. */
    public enum Reason {
        UNSIGNED(HttpStatus.BAD_REQUEST),
        MALFORMED_SIGNATURE(HttpStatus.BAD_REQUEST),
        BAD_SIGNATURE(HttpStatus.BAD_REQUEST),
        UNKNOWN_KEY(HttpStatus.BAD_REQUEST),
        NO_TRUSTED_KEY(HttpStatus.CONFLICT),
        MALFORMED_PACKAGE(HttpStatus.BAD_REQUEST),
        TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
        VERSION_EXISTS(HttpStatus.CONFLICT);

        final HttpStatus status;

        Reason(HttpStatus status) {
            this.status = status;
        }
    }

    private final Reason reason;

    public ReleaseRefusedException(Reason reason, String detail) {
        super(reason.status, problem(reason, detail), null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + getBody().getDetail();
    }

    private static ProblemDetail problem(Reason reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(reason.status, detail);
        problem.setTitle("Release refused");
        problem.setProperty("reason", reason.name());
        return problem;
    }
}
