package fr.mutualis.fleet.account;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request naming a person the fleet does not know: 404. */
class UnknownUserException extends ErrorResponseException {

    UnknownUserException(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user with id " + id + ".");
        problem.setTitle("Unknown user");
        return problem;
    }
}
