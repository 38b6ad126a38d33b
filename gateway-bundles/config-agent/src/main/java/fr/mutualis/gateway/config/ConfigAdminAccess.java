package fr.mutualis.gateway.config;

import java.io.IOException;
import java.util.Map;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Reads, writes and deletes one PID's configuration; writes bind to any bundle ("?"), as the seeder's do. */
final class ConfigAdminAccess {

    private final ConfigurationAdmin admin;

    ConfigAdminAccess(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** The PID's properties without the framework's own, or null when it has no configuration. */
    Map<String, Object> current(String pid) throws IOException {
        Configuration configuration = existing(pid);
        return configuration == null || configuration.getProperties() == null ? null
                : TypedSnapshot.properties(configuration.getProperties());
    }

    void write(String pid, Map<String, Object> properties) throws IOException {
        admin.getConfiguration(pid, "?").updateIfDifferent(TypedSnapshot.dictionary(properties));
    }

    /** Puts the PID back as it was: these properties, or no configuration at all when null. */
    void restore(String pid, Map<String, Object> properties) throws IOException {
        if (properties != null) {
            write(pid, properties);
            return;
        }
        Configuration configuration = existing(pid);
        if (configuration != null) {
            configuration.delete();
        }
    }

    private Configuration existing(String pid) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IOException("PID " + pid + " cannot be searched for: " + e.getMessage(), e);
        }
    }
}
