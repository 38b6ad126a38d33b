package fr.mutualis.fleet.account;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed, for the web application and the bootstrap command alike. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    private static final String ENCODING = "argon2@SpringSecurity_v5_8";

    /** Argon2id for new hashes; the prefix stored with each hash lets the algorithm change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(ENCODING,
                Map.of(ENCODING, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }
}
