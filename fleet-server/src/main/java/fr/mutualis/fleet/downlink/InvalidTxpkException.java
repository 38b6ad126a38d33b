package fr.mutualis.fleet.downlink;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A downlink request the gateway could not transmit: 400 with every problem listed. */
class InvalidTxpkException extends ErrorResponseException {

    InvalidTxpkException(List<String> problems) {
        super(HttpStatus.BAD_REQUEST, problem(problems), null);
    }

    private static ProblemDetail problem(List<String> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The txpk cannot be transmitted: " + String.join("; ", problems));
        problem.setTitle("Invalid downlink");
        problem.setProperty("problems", problems);
        return problem;
    }
}
