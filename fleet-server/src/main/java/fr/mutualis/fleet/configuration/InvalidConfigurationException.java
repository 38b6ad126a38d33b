package fr.mutualis.fleet.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A configuration change refused before anything is published: 400 with every problem, and the gateways concerned. */
class InvalidConfigurationException extends ErrorResponseException {

    /**
     * One problem.
     *
     * @param gateways some of the gateways whose reported schema refuses it (at most 5)
     * @param gatewayCount how many gateways refuse it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String pid, String property, Object value, String detail, List<String> gateways, Integer gatewayCount) {

        String sentence() {
            return (property == null ? pid : pid + "." + property) + " " + detail;
        }
    }

    private final List<Problem> problems;

    InvalidConfigurationException(List<Problem> problems) {
        super(HttpStatus.BAD_REQUEST, problem(problems), null);
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }

    private static ProblemDetail problem(List<Problem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The configuration was not published: " + problems.stream().map(Problem::sentence)
                        .collect(Collectors.joining("; ")) + ".");
        problem.setTitle("Invalid configuration");
        problem.setProperty("problems", problems);
        return problem;
    }
}
