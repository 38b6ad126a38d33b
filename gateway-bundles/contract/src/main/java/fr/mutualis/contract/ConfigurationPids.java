package fr.mutualis.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration PIDs in a {@link DesiredConfiguration} and a {@link ConfigurationReport}. A plain PID
 * names a singleton configuration. {@code factoryPid~name} names one instance of a factory
 * configuration (a lighting circuit, an alarm rule: as many as the commune needs), as ConfigAdmin
 * 1.6 names them. A gateway reports a factory's schema once, under {@code factoryPid~}, and each of
 * its instances with its values under {@code factoryPid~name}.
 */
public final class ConfigurationPids {

    public static final char FACTORY_SEPARATOR = '~';
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    private ConfigurationPids() {
    }

    public static boolean isFactoryInstance(String pid) {
        return pid.indexOf(FACTORY_SEPARATOR) >= 0;
    }

    /** The key of the schema a PID is validated against: itself, or {@code factoryPid~} for an instance. */
    public static String schemaKey(String pid) {
        int separator = pid.indexOf(FACTORY_SEPARATOR);
        return separator < 0 ? pid : pid.substring(0, separator + 1);
    }

    /** Where a factory's schema is reported. */
    public static String factorySchemaKey(String factoryPid) {
        return factoryPid + FACTORY_SEPARATOR;
    }

    public static String factoryPid(String instancePid) {
        return instancePid.substring(0, instancePid.indexOf(FACTORY_SEPARATOR));
    }

    public static String instanceName(String instancePid) {
        return instancePid.substring(instancePid.indexOf(FACTORY_SEPARATOR) + 1);
    }

    /** Why this PID cannot be configured, if it cannot: an instance needs a name of letters, digits and dashes. */
    public static Optional<String> problem(String pid) {
        if (isFactoryInstance(pid) && !INSTANCE_NAME.matcher(instanceName(pid)).matches()) {
            return Optional.of("the instance name after '" + FACTORY_SEPARATOR + "' must be 1-63 letters, digits"
                    + " and dashes, not starting with a dash");
        }
        return Optional.empty();
    }
}
