package fr.mutualis.fleet.api;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter that is well-formed but cannot be used (for instance a cursor naming
 * nothing): 400 with the same problem detail as a parameter that fails its declared constraints.
 */
public class InvalidParameterException extends ErrorResponseException {

    public InvalidParameterException(String parameter, Object value, String detail) {
        this(List.of(new ParameterProblem.Error(parameter, value == null ? null : String.valueOf(value), detail)));
    }

    public InvalidParameterException(List<ParameterProblem.Error> errors) {
        super(HttpStatus.BAD_REQUEST, ParameterProblem.of(errors), null);
    }
}
