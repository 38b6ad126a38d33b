package fr.mutualis.gateway.decoding;

import java.util.List;

/**
 * A configuration names a device class that no decoder handles. Unchecked because it is a
 * configuration error, found when the configuration is validated, not a property of radio input.
 */
public class UnknownDeviceClassException extends IllegalArgumentException {

    private final String deviceClass;
    private final List<String> knownDeviceClasses;

    public UnknownDeviceClassException(String deviceClass, List<String> knownDeviceClasses) {
        super("unknown device class \"" + deviceClass + "\"; known classes: " + String.join(", ", knownDeviceClasses));
        this.deviceClass = deviceClass;
        this.knownDeviceClasses = List.copyOf(knownDeviceClasses);
    }

    /** The name that was asked for. */
    public String deviceClass() {
        return deviceClass;
    }

    /** The names the registry knows, sorted. */
    public List<String> knownDeviceClasses() {
        return knownDeviceClasses;
    }
}
