package fr.mutualis.gateway.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Turns the installer's configuration file into ConfigAdmin configurations.
 *
 * <p>ConfigAdmin persists its state under the data directory, and remote configuration will
 * change it later; so the file is applied only when it is new or has been edited since it was
 * last applied (its SHA-256 is remembered in the data directory). Only the keys the file sets
 * are written; other properties of the same configurations are left alone.
 */
@Component(immediate = true)
public class InitialConfigurationSeeder {

    /** Framework property naming the file; set by the launcher. */
    public static final String FILE_PROPERTY = "mutualis.gateway.config.file";
    /** Framework property naming the data directory; set by the launcher. */
    public static final String DATA_DIR_PROPERTY = "mutualis.data.dir";

    private static final String APPLIED_DIGEST_FILE = "initial-config.sha256";
    /** The circuits and rules (named factory configurations) the file created, one PID a line. */
    private static final String INSTANCES_FILE = "initial-config.instances";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Activate
    void activate(BundleContext context) throws IOException {
        String fileName = context.getProperty(FILE_PROPERTY);
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        if (fileName == null || dataDir == null) {
            log.info("No initial configuration file given ({} unset); using persisted configuration only",
                    FILE_PROPERTY);
            return;
        }
        Path file = Path.of(fileName);
        Path appliedDigest = Path.of(dataDir).resolve(APPLIED_DIGEST_FILE);
        String digest = sha256(Files.readAllBytes(file));
        if (Files.exists(appliedDigest) && Files.readString(appliedDigest).trim().equals(digest)) {
            log.info("Initial configuration {} already applied", file);
            return;
        }
        InitialConfigurationFile initial = InitialConfigurationFile.read(file);
        // The identity goes last: everything that waits for it then finds its own configuration
        // already in place, instead of starting once with defaults and again with the file's values.
        Dictionary<String, Object> identity = null;
        for (Map.Entry<String, Dictionary<String, Object>> entry : initial.configurations().entrySet()) {
            if (entry.getKey().equals(InitialConfigurationFile.IDENTITY_PID)) {
                identity = entry.getValue();
            } else {
                apply(entry.getKey(), entry.getValue());
            }
        }
        if (identity != null) {
            apply(InitialConfigurationFile.IDENTITY_PID, identity);
        }
        deleteInstancesNoLongerInTheFile(Path.of(dataDir).resolve(INSTANCES_FILE), initial);
        writeAtomically(appliedDigest, digest);
        log.info("Applied initial configuration {} to {} configurations", file, initial.configurations().size());
    }

    private void apply(String pid, Dictionary<String, Object> values) throws IOException {
        int separator = pid.indexOf(InitialConfigurationFile.FACTORY_SEPARATOR);
        Configuration configuration = separator < 0 ? configurationAdmin.getConfiguration(pid, "?")
                : configurationAdmin.getFactoryConfiguration(pid.substring(0, separator), pid.substring(separator + 1), "?");
        Dictionary<String, Object> merged = new Hashtable<>();
        Dictionary<String, Object> current = configuration.getProperties();
        if (current != null) {
            copy(current, merged);
        }
        copy(values, merged);
        configuration.updateIfDifferent(merged);
    }

    /**
     * A circuit or an alarm rule the technician removed from the file goes away on the gateway (left
     * in place, a removed alarm rule would go on switching its output). Only instances this file
     * created are deleted, not those remote configuration created.
     */
    private void deleteInstancesNoLongerInTheFile(Path instancesFile, InitialConfigurationFile initial) throws IOException {
        List<String> now = initial.configurations().keySet().stream()
                .filter(pid -> pid.indexOf(InitialConfigurationFile.FACTORY_SEPARATOR) >= 0).sorted().toList();
        if (Files.exists(instancesFile)) {
            for (String before : Files.readAllLines(instancesFile, StandardCharsets.UTF_8)) {
                if (!before.isBlank() && !now.contains(before)) {
                    Configuration[] found = listInstance(before);
                    if (found != null) {
                        for (Configuration configuration : found) {
                            configuration.delete();
                        }
                    }
                    log.info("Removed {}: no longer in the initial configuration file", before);
                }
            }
        }
        writeAtomically(instancesFile, String.join("\n", now));
    }

    private Configuration[] listInstance(String pid) throws IOException {
        try {
            return configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
        } catch (InvalidSyntaxException e) {
            throw new IOException("cannot search for " + pid + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Dictionary<String, Object> from, Dictionary<String, Object> to) {
        for (Enumeration<String> keys = from.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            to.put(key, from.get(key));
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
