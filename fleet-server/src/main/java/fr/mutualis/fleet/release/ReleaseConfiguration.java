package fr.mutualis.fleet.release;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReleaseConfiguration {

    /** Read once at start: a key file that cannot be used stops the server rather than weakening checks. */
    @Bean
    TrustedReleaseKeys trustedReleaseKeys(ReleaseProperties properties) {
        TrustedReleaseKeys keys = TrustedReleaseKeys.load(properties.trustedKeys());
        LoggerFactory.getLogger(Releases.class).info("Trusted release keys: {}",
                keys.describe().orElse("none (every release upload will be refused)"));
        return keys;
    }
}
