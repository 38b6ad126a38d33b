package fr.mutualis.fleet.broker;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MQTT broker of the one-command run. Production points the fleet server at an
 * external broker instead ({@code mutualis.broker.embedded.enabled=false}).
 *
 * @param enabled      start the embedded broker
 * @param bindAddress  loopback by default: the embedded broker has no TLS yet
 * @param port         MQTT port
 * @param dataDir      HiveMQ's work directory (configuration, persistence)
 * @param persistence  "file" keeps sessions and retained messages across restarts, "in-memory" does not
 */
@ConfigurationProperties("mutualis.broker.embedded")
public record EmbeddedBrokerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("1883") int port,
        @DefaultValue("var/fleet/broker") Path dataDir,
        @DefaultValue("file") String persistence) {
}
