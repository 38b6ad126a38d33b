package fr.mutualis.fleet.pki;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gateway HTTPS port faces the field (gateways on 4G, fibre, commune networks), unlike the
 * staff API, which stays behind its reverse proxy: on that port only what gateways need answers —
 * enrolment, renewal, the invitation page, the CA's public certificates and revocation list, and
 * release packages (downloaded with the gateway's certificate).
 * Everything else is 404 there, before any authentication is even tried.
 */
@Configuration(proxyBeanMethods = false)
class GatewayPortRoutes {

    static final Set<String> ROUTES = Set.of("POST /api/enrolment", "POST /api/enrolment/renewal", "GET /enrol",
            "GET /api/pki/ca.pem", "GET /api/pki/crl.pem");
    /** Release downloads (mutual TLS, see ReleaseDownloadController): one path segment for the version, nothing else. */
    static final Pattern RELEASE_PACKAGE = Pattern.compile("GET /api/releases/[A-Za-z0-9._-]{1,100}/package");

    static boolean served(String method, String uri) {
        String route = method + " " + uri;
        return ROUTES.contains(route) || RELEASE_PACKAGE.matcher(route).matches();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> gatewayPortFilter(PkiProperties properties) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (properties.httpsPort() > 0 && request.getLocalPort() == properties.httpsPort()
                        && !served(request.getMethod(), request.getRequestURI())) {
                    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                    response.setContentType("application/problem+json");
                    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"The gateway port serves enrolment, renewal, the CA's certificates and release packages only.\"}");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
