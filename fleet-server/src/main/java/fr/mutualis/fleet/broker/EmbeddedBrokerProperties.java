package fr.mutualis.fleet.broker;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MQTT broker of the one-command run. Production points the fleet server at an
 * external broker instead ({@code mutualis.broker.embedded.enabled=false}).
 *
 * @param enabled               start the embedded broker
 * @param bindAddress           the plain listener, for the fleet's own client: loopback
 * @param port                  the plain listener's port
 * @param tlsPort               the gateways' listener: TLS with a client certificate issued by the
 *                              syndicate's CA (0: none)
 * @param tlsBindAddress        where the TLS listener listens
 * @param loopbackDemoGateways  the explicitly named loopback demo mode: also let gateways connect on
 *                              the plain loopback listener, identified by their client id alone.
 *                              Never for a broker that anything but this machine can reach.
 * @param dataDir               HiveMQ's work directory (configuration, persistence)
 * @param persistence           "file" keeps sessions and retained messages across restarts, "in-memory" does not
 */
@ConfigurationProperties("mutualis.broker.embedded")
public record EmbeddedBrokerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("1883") int port,
        @DefaultValue("8883") int tlsPort,
        @DefaultValue("127.0.0.1") String tlsBindAddress,
        @DefaultValue("false") boolean loopbackDemoGateways,
        @DefaultValue("var/fleet/broker") Path dataDir,
        @DefaultValue("file") String persistence) {
}
