package fr.mutualis.fleet.security;

import fr.mutualis.fleet.account.UserAccounts;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers the request's {@link FleetUser} or {@link CommuneScope} as method parameters:
 * the one place where who may see which commune is decided.
 */
@Component
class CurrentUserResolver implements HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = FleetUser.class.getName();
    private final UserAccounts accounts;

    CurrentUserResolver(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == FleetUser.class || parameter.getParameterType() == CommuneScope.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        FleetUser user = (FleetUser) request.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        if (user == null) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()) {
                throw new InsufficientAuthenticationException("authentication required");
            }
            // Re-read on every request: a disabled person or a changed commune takes effect at once.
            user = accounts.findByUsername(authentication.getName()).filter(a -> a.enabled()).map(FleetUser::of)
                    .orElseThrow(() -> new InsufficientAuthenticationException("unknown or disabled user"));
            request.setAttribute(ATTRIBUTE, user, NativeWebRequest.SCOPE_REQUEST);
        }
        return parameter.getParameterType() == CommuneScope.class ? user.scope() : user;
    }
}
