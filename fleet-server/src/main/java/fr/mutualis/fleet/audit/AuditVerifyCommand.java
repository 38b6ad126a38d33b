package fr.mutualis.fleet.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar fleet-server.jar audit-verify}: walks the audit log's hash chain and reports the
 * first broken entry.
 *
 * <p>It reads the fleet server's configuration exactly as the server does (application.yml, the
 * environment, {@code --property=value} arguments) through a Spring application of its own with no
 * web server, no component scan and no auto-configuration: nothing but the configuration is loaded,
 * so the broker, the HTTP API, Flyway and the MQTT client cannot start, and the command can run next
 * to a live server. It only reads, in one REPEATABLE READ transaction (a consistent snapshot while
 * the server keeps appending).
 *
 * <p>Exit status: {@value #INTACT} intact, {@value #BROKEN} broken, {@value #CANNOT_VERIFY} could not verify.
 */
public final class AuditVerifyCommand {

    public static final String NAME = "audit-verify";
    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int CANNOT_VERIFY = 2;

    private static final String USAGE = """
            Usage: java -jar mutualis-fleet-server.jar audit-verify [options] [--property=value ...]

            Verifies the audit log's hash chain in the fleet server's database (found through the server's
            own configuration: spring.datasource.*, or the embedded database in
            mutualis.database.embedded.data-dir, running or not), or in an export file.

              --anchor=SEQ:HASH   also require entry SEQ to still have HASH (a head printed by an earlier
                                  run, or a line of an earlier export): detects a cut or rewritten tail
              --file=PATH         verify a JSON Lines export (GET /api/audit/export) instead of the database
              --commune=CODE      with --file: the file is the export of this commune only
              --help              this text

            Exit status: 0 intact, 1 broken (the first broken entry is named), 2 could not verify.
            """;

    private AuditVerifyCommand() {
    }

    /** Runs the command; returns its exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Path file = null;
        String commune = null;
        AuditChainVerifier.Anchor anchor = null;
        List<String> springArgs = new ArrayList<>();
        try {
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.print(USAGE);
                    return INTACT;
                } else if (arg.startsWith("--file=")) {
                    file = Path.of(arg.substring("--file=".length()));
                } else if (arg.startsWith("--commune=")) {
                    commune = arg.substring("--commune=".length());
                } else if (arg.startsWith("--anchor=")) {
                    anchor = AuditChainVerifier.Anchor.parse(arg.substring("--anchor=".length()));
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    springArgs.add(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (commune != null && file == null) {
                throw new IllegalArgumentException("--commune goes with --file: the database is always verified whole");
            }
        } catch (IllegalArgumentException e) {
            err.println("audit-verify: " + e.getMessage());
            err.print(USAGE);
            return CANNOT_VERIFY;
        }
        try {
            return file != null
                    ? verifyFile(file, commune, anchor, out)
                    : verifyDatabase(springArgs.toArray(String[]::new), anchor, out);
        } catch (CannotVerifyException e) {
            err.println("Cannot verify the audit log: " + e.getMessage());
            return CANNOT_VERIFY;
        }
    }

    private static int verifyDatabase(String[] springArgs, AuditChainVerifier.Anchor anchor, PrintStream out)
            throws CannotVerifyException {
        AuditChainVerifier verifier = AuditChainVerifier.wholeLog(anchor);
        String source;
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(ConfigurationOnly.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties("logging.level.root=WARN")
                    .run(springArgs);
        } catch (RuntimeException e) {
            throw new CannotVerifyException("cannot read the configuration: " + e.getMessage());
        }
        try (context; VerifierDatabase database = VerifierDatabase.open(context.getEnvironment());
             Connection connection = database.connect()) {
            source = database.description();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass('audit_entry') IS NOT NULL");
                 ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new CannotVerifyException(source + " has no audit_entry table: it is not a fleet server's"
                            + " database, or the server never ran a version with the audit log (migration V4).");
                }
            }
            try (PreparedStatement entries = connection.prepareStatement(
                    "SELECT " + AuditEntryRows.COLUMNS + " FROM audit_entry ORDER BY seq")) {
                entries.setFetchSize(1000);
                try (ResultSet rs = entries.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry entry;
                        try {
                            entry = AuditEntryRows.map(rs);
                        } catch (RuntimeException unreadable) {
                            return report(verifier, "Entry #" + rs.getLong("seq") + " cannot be read back: "
                                    + unreadable.getMessage(), source, out);
                        }
                        if (!verifier.accept(entry)) {
                            break;
                        }
                    }
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new CannotVerifyException("database error: " + e.getMessage());
        } catch (IOException e) {
            throw new CannotVerifyException("stopping the embedded database: " + e.getMessage());
        }
        return report(verifier, verifier.finish().orElse(null), source, out);
    }

    private static int verifyFile(Path file, String commune, AuditChainVerifier.Anchor anchor, PrintStream out)
            throws CannotVerifyException {
        AuditChainVerifier verifier = commune == null
                ? AuditChainVerifier.wholeLog(anchor) : AuditChainVerifier.commune(commune, anchor);
        String source = commune == null ? "the export " + file : "the export of commune " + commune + " " + file;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue; // carries nothing, hides nothing
                }
                AuditEntry entry;
                try {
                    entry = AuditExportLine.parse(line);
                } catch (IllegalArgumentException e) {
                    return report(verifier, "Line " + number + " is not an audit entry: " + e.getMessage(), source, out);
                }
                if (!verifier.accept(entry)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new CannotVerifyException("cannot read " + file + ": " + e.getMessage());
        }
        return report(verifier, verifier.finish().orElse(null), source, out);
    }

    private static int report(AuditChainVerifier verifier, String failure, String source, PrintStream out) {
        if (failure != null) {
            out.println("Audit log BROKEN in " + source + ".");
            out.println(failure);
            out.println(verifier.count() == 0 ? "No entry before it was checked."
                    : verifier.count() + " entries before it are intact (#" + verifier.first().seq() + " to #"
                      + verifier.last().seq() + ").");
            return BROKEN;
        }
        if (verifier.count() == 0) {
            out.println("Audit log intact in " + source + ": no entries.");
            return INTACT;
        }
        AuditEntry first = verifier.first();
        AuditEntry last = verifier.last();
        out.println("Audit log intact in " + source + ": " + verifier.count() + " entries, #" + first.seq() + " ("
                + AuditEntry.formatAt(first.at()) + ") to #" + last.seq() + " (" + AuditEntry.formatAt(last.at())
                + "), " + verifier.communes() + " commune(s).");
        out.println("Head: #" + last.seq() + " " + last.hash());
        out.println("Keep it: --anchor=" + last.seq() + ":" + last.hash()
                + " makes a later run fail if entries up to it are removed or rewritten.");
        return INTACT;
    }

    /**
     * The command's Spring application: no annotations, so no component scan and no
     * auto-configuration; it exists so that Spring Boot loads the configuration.
     */
    static final class ConfigurationOnly {
    }
}
