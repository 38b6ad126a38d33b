package fr.mutualis.gateway.config;

import fr.mutualis.contract.AttributeSchema;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Converts between the JSON values of the contract (String, Number, Boolean, List) and the typed
 * values ConfigAdmin and Declarative Services expect for an attribute: a {@code Long} for a LONG
 * attribute, a {@code String[]} for a multi-valued STRING attribute with positive cardinality, a
 * {@code List} for a negative cardinality. Values are validated first ({@link AttributeSchema#problems}).
 */
final class PropertyValues {

    private PropertyValues() {
    }

    /** The ConfigAdmin value for a JSON value that passed {@link AttributeSchema#problems}. */
    static Object toConfigAdmin(AttributeSchema attribute, Object json) {
        if (!attribute.multiValued()) {
            return scalar(attribute, json);
        }
        List<?> values = (List<?>) json;
        if (attribute.cardinality() < 0) {
            List<Object> list = new ArrayList<>(values.size());
            values.forEach(value -> list.add(scalar(attribute, value)));
            return list;
        }
        Object array = Array.newInstance(elementType(attribute), values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, scalar(attribute, values.get(i)));
        }
        return array;
    }

    /** The JSON value (String, Number, Boolean, List) of a ConfigAdmin value, for the report. */
    static Object toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>(Array.getLength(value));
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(toJson(Array.get(value, i)));
            }
            return list;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            collection.forEach(element -> list.add(toJson(element)));
            return list;
        }
        if (value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }

    private static Object scalar(AttributeSchema attribute, Object json) {
        return switch (attribute.type()) {
            case STRING, PASSWORD -> (String) json;
            case CHARACTER -> ((String) json).charAt(0);
            case BOOLEAN -> (Boolean) json;
            case LONG -> ((Number) json).longValue();
            case INTEGER -> ((Number) json).intValue();
            case SHORT -> ((Number) json).shortValue();
            case BYTE -> ((Number) json).byteValue();
            case DOUBLE -> ((Number) json).doubleValue();
            case FLOAT -> ((Number) json).floatValue();
        };
    }

    private static Class<?> elementType(AttributeSchema attribute) {
        return switch (attribute.type()) {
            case STRING, PASSWORD -> String.class;
            case CHARACTER -> Character.class;
            case BOOLEAN -> Boolean.class;
            case LONG -> Long.class;
            case INTEGER -> Integer.class;
            case SHORT -> Short.class;
            case BYTE -> Byte.class;
            case DOUBLE -> Double.class;
            case FLOAT -> Float.class;
        };
    }
}
