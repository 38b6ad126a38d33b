package fr.mutualis.fleet.audit;

import java.security.Principal;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves an {@link Actor} parameter of a controller method from the request: the authenticated
 * principal's name, {@link Actor#ANONYMOUS} when there is none.
 *
 * <p>This is the seam for security: Spring Security exposes the authenticated user as the
 * request's principal (and hides anonymous authentication), so once it is in place every audited
 * action names its user without any change here or in the controllers.
 */
final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                 NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Principal principal = request.getUserPrincipal();
        return principal == null || principal.getName() == null || principal.getName().isBlank()
                ? Actor.ANONYMOUS : new Actor(principal.getName());
    }
}
