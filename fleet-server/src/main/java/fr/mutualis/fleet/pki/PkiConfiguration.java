package fr.mutualis.fleet.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PkiConfiguration {

    @Bean
    CertificateAuthority certificateAuthority(PkiProperties properties) throws IOException, GeneralSecurityException {
        return CertificateAuthority.open(properties.dir(), properties.createIfMissing(), Clock.systemUTC());
    }
}
