package fr.mutualis.gateway.decoding;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed values of one decoded uplink.
 *
 * <p>Values are {@link Long}, {@link Double}, {@link Boolean}, {@link String}, {@link Instant}, or
 * a {@link List} of those; never null. Keys carry their unit ({@code indexLitres},
 * {@code voltageVolts}, {@code currentMilliamps}) so that a rule cannot confuse litres with cubic
 * metres. Integers are always {@code Long}, whatever their width on the wire, so a rule compares
 * {@code 42L} without knowing the encoding. The map keeps the decoder's order and cannot be modified.
 *
 * @param deviceClass the device class of the decoder that produced it, e.g. {@code qalcosonic-w1}
 * @param messageType the kind of message, as documented by that decoder, e.g. {@code index-report}
 * @param values the decoded values by key
 */
public record DecodedPayload(String deviceClass, String messageType, Map<String, Object> values) {

    public DecodedPayload {
        requireText(deviceClass, "deviceClass");
        requireText(messageType, "messageType");
        Objects.requireNonNull(values, "values");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            requireText(key, "value key");
            copy.put(key, checkedValue(key, value));
        });
        values = Collections.unmodifiableMap(copy);
    }

    /** The value under {@code key} if it is present and of the given type. */
    public <T> Optional<T> value(String key, Class<T> type) {
        Object value = values.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    private static Object checkedValue(String key, Object value) {
        if (value instanceof List<?> list) {
            // List.copyOf also rejects null elements, and freezes the list.
            List<?> copy = List.copyOf(list);
            for (Object element : copy) {
                if (!isScalar(element)) {
                    throw new IllegalArgumentException("value list \"" + key + "\" holds a " + element.getClass().getName()
                            + "; allowed: Long, Double, Boolean, String, Instant");
                }
            }
            return copy;
        }
        if (!isScalar(value)) {
            throw new IllegalArgumentException("value \"" + key + "\" is "
                    + (value == null ? "null" : "a " + value.getClass().getName())
                    + "; allowed: Long, Double, Boolean, String, Instant or a list of those");
        }
        return value;
    }

    private static boolean isScalar(Object value) {
        return value instanceof Long || value instanceof Double || value instanceof Boolean
                || value instanceof String || value instanceof Instant;
    }

    private static void requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
