package fr.mutualis.fleet.broker;

import fr.mutualis.fleet.mqtt.BrokerCredentials;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.GatewayCertificates;
import fr.mutualis.fleet.pki.PkiProperties;
import fr.mutualis.fleet.pki.ServerIdentity;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mutualis.broker.embedded.enabled", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    @Bean
    EmbeddedMqttBroker embeddedMqttBroker(EmbeddedBrokerProperties properties, BrokerCredentials credentials,
                                          CertificateAuthority authority, PkiProperties pki,
                                          GatewayCertificates certificates) throws IOException {
        return new EmbeddedMqttBroker(properties, credentials, ServerIdentity.issue(authority, pki.serverNames()),
                certificates);
    }
}
