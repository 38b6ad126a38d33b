package fr.mutualis.fleet.broker;

import fr.mutualis.fleet.mqtt.BrokerCredentials;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mutualis.broker.embedded.enabled", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    @Bean
    EmbeddedMqttBroker embeddedMqttBroker(EmbeddedBrokerProperties properties, BrokerCredentials credentials)
            throws IOException {
        return new EmbeddedMqttBroker(properties, credentials);
    }
}
