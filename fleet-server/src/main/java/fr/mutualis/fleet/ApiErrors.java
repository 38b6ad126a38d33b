package fr.mutualis.fleet;

import fr.mutualis.fleet.api.ParameterProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Request errors as RFC 9457 problem details. Spring's own handler turns every framework error
 * (unknown path, wrong method or media type, unreadable body...) into one; this class replaces
 * Spring Boot's default instance of it so that errors in request parameters, whatever their
 * cause, read the same: {@link ParameterProblem}.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    /** A value that breaks a parameter's declared constraint ({@code @Min}, {@code @Pattern}...). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ParameterProblem.Error> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String value = result.getArgument() == null ? null : String.valueOf(result.getArgument());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new ParameterProblem.Error(name(result.getMethodParameter()), value,
                        error.getDefaultMessage()));
            }
        }
        return handleExceptionInternal(e, ParameterProblem.of(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A value that is not of the parameter's type: a word for a number, an unknown state, a malformed UUID. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (!(e instanceof MethodArgumentTypeMismatchException mismatch)) {
            return super.handleTypeMismatch(e, headers, status, request);
        }
        ParameterProblem.Error error = new ParameterProblem.Error(mismatch.getName(),
                String.valueOf(mismatch.getValue()), expected(mismatch.getRequiredType()));
        return handleExceptionInternal(e, ParameterProblem.of(List.of(error)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ParameterProblem.Error error = new ParameterProblem.Error(e.getParameterName(), null, "is required");
        return handleExceptionInternal(e, ParameterProblem.of(List.of(error)), headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be an integer";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        return "must be a valid " + type.getSimpleName();
    }

    /** The name the client uses, which an annotation may set apart from the Java parameter's. */
    private static String name(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null && !query.name().isEmpty()) {
            return query.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return parameter.getParameterName();
    }
}
