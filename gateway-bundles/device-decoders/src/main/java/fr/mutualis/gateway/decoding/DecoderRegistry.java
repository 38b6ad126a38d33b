package fr.mutualis.gateway.decoding;

import fr.mutualis.gateway.decoding.axioma.QalcosonicW1Decoder;
import fr.mutualis.gateway.decoding.milesight.MilesightWs558Decoder;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps the device-class name found in a device's configuration (e.g. {@code "qalcosonic-w1"}) to
 * the decoder for its payloads. Immutable and thread-safe.
 */
public final class DecoderRegistry {

    /** Lower-case words separated by dashes: the same spelling in every configuration file. */
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<String, PayloadDecoder> decoders;

    /**
     * @throws IllegalArgumentException if two decoders claim the same class, or a class name is not
     *     lower-case words separated by dashes
     */
    public DecoderRegistry(Collection<? extends PayloadDecoder> decoders) {
        Map<String, PayloadDecoder> byClass = new TreeMap<>();
        for (PayloadDecoder decoder : decoders) {
            String name = Objects.requireNonNull(decoder, "decoder").deviceClass();
            if (name == null || !CLASS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("device class name \"" + name + "\" of "
                        + decoder.getClass().getName() + " is not lower-case words separated by dashes");
            }
            PayloadDecoder previous = byClass.putIfAbsent(name, decoder);
            if (previous != null) {
                throw new IllegalArgumentException("device class \"" + name + "\" is claimed by both "
                        + previous.getClass().getName() + " and " + decoder.getClass().getName());
            }
        }
        this.decoders = Map.copyOf(byClass);
    }

    /** The registry of every decoder shipped in this bundle. */
    public static DecoderRegistry builtIn() {
        return new DecoderRegistry(List.of(new QalcosonicW1Decoder(), new MilesightWs558Decoder()));
    }

    /**
     * The decoder for a configured device class.
     *
     * @throws UnknownDeviceClassException if no decoder handles that name; its message lists the known classes
     */
    public PayloadDecoder decoderFor(String deviceClass) {
        return find(deviceClass).orElseThrow(() -> new UnknownDeviceClassException(deviceClass, deviceClasses()));
    }

    /** The decoder for a device class, if one is registered. */
    public Optional<PayloadDecoder> find(String deviceClass) {
        return deviceClass == null ? Optional.empty() : Optional.ofNullable(decoders.get(deviceClass));
    }

    /** The registered device-class names, sorted. */
    public List<String> deviceClasses() {
        return decoders.keySet().stream().sorted().toList();
    }
}
