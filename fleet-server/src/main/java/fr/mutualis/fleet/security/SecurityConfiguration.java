package fr.mutualis.fleet.security;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. Everything under {@code /api} needs an authenticated person; what they may
 * change is decided per operation ({@code @PreAuthorize}) and what they may see by their
 * {@link CommuneScope}. Health probes and the OpenAPI document are public; other Actuator
 * endpoints are for the syndicate. CSRF protection applies to browser sessions (the login form):
 * a request that carries its own {@code Authorization} header, or no session at all, cannot be
 * forged cross-site, and without a session an unauthenticated call gets a plain 401.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector tokens) throws Exception {
        BearerTokenAuthenticationEntryPoint unauthorised = new BearerTokenAuthenticationEntryPoint();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/v3/api-docs.yaml", "/error").permitAll()
                        // the enrolment code is the credential; the CA's certificates and CRL are public
                        .requestMatchers(HttpMethod.POST, "/api/enrolment").permitAll()
                        // a gateway's renewal: its client certificate is the credential, checked by the controller
                        .requestMatchers(HttpMethod.POST, "/api/enrolment/renewal").permitAll()
                        // a gateway's release download: its client certificate is the credential, checked by the controller
                        .requestMatchers(HttpMethod.GET, "/api/releases/*/package").permitAll()
                        .requestMatchers(HttpMethod.GET, "/enrol", "/api/pki/ca.pem", "/api/pki/crl.pem").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("SYNDICATE_ADMIN", "SYNDICATE_OPERATOR")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource.opaqueToken(opaque -> opaque.introspector(tokens))
                        .authenticationEntryPoint(unauthorised))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorised))
                .formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        || request.getRequestedSessionId() == null))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(unauthorised,
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")));
        return http.build();
    }

    @Bean
    WebMvcConfigurer currentUserArguments(CurrentUserResolver resolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
