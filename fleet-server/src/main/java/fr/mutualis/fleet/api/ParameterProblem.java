package fr.mutualis.fleet.api;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem detail of a request whose parameters are wrong, the same for every cause (a
 * constraint, a value of the wrong type, an unknown parameter, a cursor naming nothing): the
 * {@code detail} says it in one sentence for a person, {@code errors} lists it for a program.
 */
public final class ParameterProblem {

    public static final String TITLE = "Invalid request parameter";

    private ParameterProblem() {
    }

    /**
     * One parameter and what is wrong with it (documented as {@code ParameterError}).
     *
     * @param value the value received, as text; null when the parameter is missing
     */
    public record Error(String parameter, String value, String detail) {
    }

    public static ProblemDetail of(List<Error> errors) {
        String detail = errors.stream()
                .map(e -> e.value() == null ? e.parameter() + " " + e.detail()
                        : e.parameter() + " " + e.detail() + " (got '" + e.value() + "')")
                .collect(Collectors.joining("; ")) + ".";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(TITLE);
        problem.setProperty("errors", errors);
        return problem;
    }
}
