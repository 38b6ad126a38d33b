package fr.mutualis.fleet.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses query parameters that an operation does not declare. Spring ignores them, so a typo
 * ({@code limt=5}) or a renamed parameter would silently return the default page instead of an
 * error; here it is a 400 that names the parameters the operation accepts.
 *
 * <p>An operation that binds its parameters into an object ({@code @ModelAttribute}) or takes
 * them all as a map is not checked: its accepted names are not known from its signature.
 */
class UnknownParameterGuard implements HandlerInterceptor {

    /** Accepted names per handler method, worked out once. */
    private final Map<HandlerMethod, Accepted> accepted = new ConcurrentHashMap<>();

    private record Accepted(boolean checked, Set<String> names) {
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Accepted declared = accepted.computeIfAbsent(method, UnknownParameterGuard::declared);
        if (!declared.checked()) {
            return true;
        }
        List<String> unknown = new ArrayList<>();
        for (String name : request.getParameterMap().keySet()) {
            if (!declared.names().contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return true;
        }
        String accepts = declared.names().isEmpty() ? "none" : String.join(", ", declared.names());
        List<ParameterProblem.Error> errors = unknown.stream().sorted()
                .map(name -> new ParameterProblem.Error(name, request.getParameter(name),
                        "is not a parameter of this operation (it accepts: " + accepts + ")"))
                .toList();
        throw new InvalidParameterException(errors);
    }

    private static Accepted declared(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            if (query != null) {
                if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                    return new Accepted(false, Set.of());
                }
                names.add(query.name().isEmpty() ? parameter.getParameterName() : query.name());
            } else if (parameter.hasParameterAnnotation(RequestPart.class)) {
                // A multipart form's text parts arrive as parameters too.
                RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
                names.add(part.name().isEmpty() ? parameter.getParameterName() : part.name());
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
                return new Accepted(false, Set.of());
            } else if (!parameter.hasParameterAnnotation(PathVariable.class)
                    && !parameter.hasParameterAnnotation(RequestBody.class)
                    && !parameter.hasParameterAnnotation(RequestHeader.class)
                    && BeanUtils.isSimpleProperty(parameter.getParameterType())) {
                // Spring binds an unannotated simple parameter from the query as if it were @RequestParam.
                names.add(parameter.getParameterName());
            }
        }
        return new Accepted(true, names);
    }
}
