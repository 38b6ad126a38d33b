package fr.mutualis.fleet.mqtt;

import fr.mutualis.fleet.broker.EmbeddedMqttBroker;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MqttConfiguration {

    @Bean
    BrokerCredentials brokerCredentials(BrokerProperties properties) {
        String password = properties.password();
        if (password.isEmpty()) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            password = HexFormat.of().formatHex(secret);
        }
        return new BrokerCredentials(properties.clientId(), properties.username(), password);
    }

    /**
     * For an external broker reached with the fleet's client certificate (Mosquitto as
     * {@code mosquitto-config} sets it up): revoked gateways are taken off it at once.
     */
    @Bean
    @ConditionalOnProperty(name = "mutualis.broker.client-certificate-file")
    RevokedGatewayEviction revokedGatewayEviction(BrokerProperties properties,
                                                  fr.mutualis.fleet.pki.CertificateAuthority authority) {
        return new RevokedGatewayEviction(properties, authority);
    }

    /**
     * Created after the embedded broker, when there is one, so that the first connection succeeds.
     * Off ({@code mutualis.mqtt.enabled=false}) for command-line modes that only touch the database.
     */
    @Bean
    @ConditionalOnProperty(name = "mutualis.mqtt.enabled", havingValue = "true", matchIfMissing = true)
    GatewayMessageSubscriber gatewayMessageSubscriber(BrokerProperties properties, BrokerCredentials credentials,
                                                      GatewayMessageRouter router,
                                                      ObjectProvider<EmbeddedMqttBroker> embeddedBroker) {
        // Asking for the broker makes Spring create (and so start) it first, when it is enabled.
        embeddedBroker.getIfAvailable();
        return new GatewayMessageSubscriber(properties, credentials, router);
    }
}
