package fr.mutualis.fleet.mqtt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the fleet server reaches the MQTT broker its gateways talk to.
 *
 * @param url                   tcp://host:1883, or ssl://host:8883 for an external broker
 * @param clientId              the fleet's MQTT client id; its session persists across restarts of the server.
 *                              The dot keeps it outside the gateway id space: no gateway can take it over
 * @param username              user name presented to the broker
 * @param password              password presented to the broker; when empty a fresh random one is generated,
 *                              which only the embedded broker (in the same process) can check
 * @param caFile                for ssl:// URLs: the CA certificates (PEM) the broker's certificate must chain to
 * @param clientCertificateFile for ssl:// URLs with client certificates: the fleet's certificate chain (PEM),
 *                              as {@code mosquitto-config} writes it
 * @param clientKeyFile         and its private key (PEM)
 */
@ConfigurationProperties("mutualis.broker")
public record BrokerProperties(
        @DefaultValue("tcp://127.0.0.1:1883") String url,
        @DefaultValue("fleet.mutualis") String clientId,
        @DefaultValue("fleet.mutualis") String username,
        @DefaultValue("") String password,
        @DefaultValue("") String caFile,
        @DefaultValue("") String clientCertificateFile,
        @DefaultValue("") String clientKeyFile) {
}
