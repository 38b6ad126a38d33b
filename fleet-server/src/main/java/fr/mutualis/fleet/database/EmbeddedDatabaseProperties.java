package fr.mutualis.fleet.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL server of the one-command run (the real PostgreSQL binaries, started
 * by the fleet server). Production sets {@code spring.datasource.url} and disables this.
 *
 * @param enabled start an embedded PostgreSQL server and use it as the data source
 * @param dataDir its data directory; kept across restarts
 * @param port    its port on loopback; 0 picks a free one
 */
@ConfigurationProperties("mutualis.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("var/fleet/postgres") Path dataDir,
        @DefaultValue("0") int port) {
}
