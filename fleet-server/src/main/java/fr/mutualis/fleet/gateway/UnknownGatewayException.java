package fr.mutualis.fleet.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;

/** A request naming a gateway the fleet does not know: 404 with a problem detail. */
public class UnknownGatewayException extends ErrorResponseException {

    public UnknownGatewayException(String gatewayId) {
        super(HttpStatus.NOT_FOUND, problem(gatewayId), null);
    }

    private static ProblemDetail problem(String gatewayId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No gateway with id '" + gatewayId + "' is known to the fleet.");
        problem.setTitle("Unknown gateway");
        return problem;
    }
}
