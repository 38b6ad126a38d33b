package fr.mutualis.gateway.config;

import fr.mutualis.contract.ConfigurationPids;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Writes the PID's properties. A factory instance ({@code factoryPid~name}) left without any
     * property is deleted: the fleet stopped naming it, so the circuit or the rule goes away.
     */
    void write(String pid, Map<String, Object> properties) throws IOException {
        if (!ConfigurationPids.isFactoryInstance(pid)) {
            admin.getConfiguration(pid, "?").updateIfDifferent(TypedSnapshot.dictionary(properties));
        } else if (properties.isEmpty()) {
            restore(pid, null);
        } else {
            admin.getFactoryConfiguration(ConfigurationPids.factoryPid(pid), ConfigurationPids.instanceName(pid), "?")
                    .updateIfDifferent(TypedSnapshot.dictionary(properties));
        }
    }

    /** The named instances of a factory PID that exist now, as {@code factoryPid~name}. */
    List<String> instances(String factoryPid) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations("(service.factoryPid=" + factoryPid + ")");
            List<String> pids = new ArrayList<>();
            if (found != null) {
                for (Configuration configuration : found) {
                    if (ConfigurationPids.isFactoryInstance(configuration.getPid())) {
                        pids.add(configuration.getPid());
                    }
                }
            }
            return pids;
        } catch (InvalidSyntaxException e) {
            throw new IOException("factory PID " + factoryPid + " cannot be searched for: " + e.getMessage(), e);
        }
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
