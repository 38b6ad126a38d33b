package fr.mutualis.fleet.api;

import jakarta.validation.MessageInterpolator;
import java.util.Locale;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Conventions every operation of the REST API follows (see {@code docs/api.md}). */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    static final String API_PATHS = "/api/**";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UnknownParameterGuard()).addPathPatterns(API_PATHS);
    }

    /**
     * Constraint messages in English whatever the client's Accept-Language or the server's locale:
     * they end up in problem details, whose other fields are English, and a browser asking for
     * French would otherwise get half-translated errors. (This replaces Spring Boot's interpolator,
     * which adds message keys from a {@code messages.properties} that the fleet does not have.)
     */
    @Bean
    ValidationConfigurationCustomizer englishConstraintMessages() {
        return configuration -> {
            MessageInterpolator standard = configuration.getDefaultMessageInterpolator();
            configuration.messageInterpolator(new MessageInterpolator() {
                @Override
                public String interpolate(String template, Context context) {
                    return standard.interpolate(template, context, Locale.ENGLISH);
                }

                @Override
                public String interpolate(String template, Context context, Locale ignored) {
                    return standard.interpolate(template, context, Locale.ENGLISH);
                }
            });
        };
    }
}
