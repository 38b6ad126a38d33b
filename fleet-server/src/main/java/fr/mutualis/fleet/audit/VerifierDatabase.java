package fr.mutualis.fleet.audit;

import fr.mutualis.fleet.database.EmbeddedDatabaseProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The database the fleet server is configured to use, found the way the server finds it:
 * {@code spring.datasource.*} when the embedded database is disabled; otherwise the embedded
 * PostgreSQL in {@code mutualis.database.embedded.data-dir} — the running server's (its port is in
 * PostgreSQL's own {@code postmaster.pid}), or, when no server runs, started here for the duration
 * of the verification.
 */
final class VerifierDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final EmbeddedPostgres startedHere;
    private final String description;

    private VerifierDatabase(DataSource dataSource, EmbeddedPostgres startedHere, String description) {
        this.dataSource = dataSource;
        this.startedHere = startedHere;
        this.description = description;
    }

    static VerifierDatabase open(Environment environment) throws CannotVerifyException {
        Binder binder = Binder.get(environment);
        EmbeddedDatabaseProperties embedded = binder
                .bindOrCreate("mutualis.database.embedded", EmbeddedDatabaseProperties.class);
        if (!embedded.enabled()) {
            String url = binder.bind("spring.datasource.url", String.class).orElseThrow(() -> new CannotVerifyException(
                    "spring.datasource.url is not set (and mutualis.database.embedded.enabled is false)"));
            DataSource external = DataSourceBuilder.create().type(SimpleDriverDataSource.class).url(url)
                    .username(binder.bind("spring.datasource.username", String.class).orElse(null))
                    .password(binder.bind("spring.datasource.password", String.class).orElse(null))
                    .build();
            return new VerifierDatabase(external, null, url);
        }
        Path dataDir = embedded.dataDir().toAbsolutePath();
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            return running(dataDir, pidFile);
        }
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            throw new CannotVerifyException("there is no database in " + dataDir
                    + " (mutualis.database.embedded.data-dir). Run the command from the fleet server's working"
                    + " directory, or set that property, or spring.datasource.url with"
                    + " mutualis.database.embedded.enabled=false.");
        }
        try {
            // Same settings as the server's EmbeddedDatabaseConfiguration; stopped again by close().
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            return new VerifierDatabase(postgres.getPostgresDatabase(), postgres,
                    "the embedded database in " + dataDir + " (started for this check)");
        } catch (IOException | RuntimeException e) {
            throw new CannotVerifyException("cannot start the embedded database in " + dataDir + ": " + e.getMessage());
        }
    }

    /**
     * PostgreSQL writes its port on the fourth line of {@code postmaster.pid} and its listen
     * addresses on the sixth (documented with the file in PostgreSQL's storage layout).
     */
    private static VerifierDatabase running(Path dataDir, Path pidFile) throws CannotVerifyException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CannotVerifyException("cannot read " + pidFile + ": " + e.getMessage());
        }
        if (lines.size() < 4 || !lines.get(3).trim().matches("[0-9]{1,5}")) {
            throw new CannotVerifyException(pidFile + " does not name a port yet: the database is still starting;"
                    + " try again in a moment.");
        }
        String port = lines.get(3).trim();
        String host = "127.0.0.1";
        if (lines.size() >= 6) {
            String listen = lines.get(5).trim().split(",")[0].trim();
            if (!listen.isEmpty() && !listen.equals("*") && !listen.equals("0.0.0.0")) {
                host = listen;
            }
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        DataSource dataSource = DataSourceBuilder.create().type(SimpleDriverDataSource.class).url(url)
                .username("postgres").build();
        VerifierDatabase database = new VerifierDatabase(dataSource, null,
                "the running fleet server's embedded database (" + host + ":" + port + ", data in " + dataDir + ")");
        try (Connection probe = dataSource.getConnection()) {
            return database;
        } catch (SQLException e) {
            throw new CannotVerifyException(pidFile + " says the embedded database listens on " + host + ":" + port
                    + " but it does not answer (" + e.getMessage() + "). If the fleet server was killed, start and"
                    + " stop it once so that PostgreSQL cleans up, then run this again.");
        }
    }

    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        if (startedHere != null) {
            startedHere.close();
        }
    }
}
