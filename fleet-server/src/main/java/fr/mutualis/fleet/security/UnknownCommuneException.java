package fr.mutualis.fleet.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A commune that does not exist, or not for the caller: 404, so that not even its existence leaks. */
public class UnknownCommuneException extends ErrorResponseException {

    public UnknownCommuneException(String commune) {
        super(HttpStatus.NOT_FOUND, problem(commune), null);
    }

    private static ProblemDetail problem(String commune) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No commune '" + commune + "' is known to you.");
        problem.setTitle("Unknown commune");
        return problem;
    }
}
