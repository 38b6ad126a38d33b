package fr.mutualis.gateway.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ConfigAdmin properties written to JSON with their exact Java types, so that a rollback restores
 * {@code Integer} 1700 rather than the {@code Long} a plain JSON number would become (a component
 * property of the wrong type is coerced by DS, but a later comparison would see a change).
 */
final class TypedSnapshot {

    /** Framework-managed properties: never snapshot, never restored. */
    private static final Set<String> MANAGED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation");

    private TypedSnapshot() {
    }

    /** Properties of a configuration without the framework's own, in a plain map. */
    static Map<String, Object> properties(Dictionary<String, Object> dictionary) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (dictionary == null) {
            return properties;
        }
        for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!MANAGED.contains(key)) {
                properties.put(key, dictionary.get(key));
            }
        }
        return properties;
    }

    static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>();
        properties.forEach(dictionary::put);
        return dictionary;
    }

    static Map<String, Object> encode(Map<String, Object> properties) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        properties.forEach((key, value) -> encoded.put(key, encodeValue(value)));
        return encoded;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decode(Map<String, Object> encoded) {
        Map<String, Object> properties = new LinkedHashMap<>();
        encoded.forEach((key, value) -> properties.put(key, decodeValue((Map<String, Object>) value)));
        return properties;
    }

    private static Map<String, Object> encodeValue(Object value) {
        Map<String, Object> typed = new LinkedHashMap<>();
        if (value.getClass().isArray()) {
            typed.put("t", "array");
            typed.put("c", value.getClass().getComponentType().getName());
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(encodeValue(Array.get(value, i)));
            }
            typed.put("v", elements);
        } else if (value instanceof Collection<?> collection) {
            typed.put("t", "list");
            List<Object> elements = new ArrayList<>();
            collection.forEach(element -> elements.add(encodeValue(element)));
            typed.put("v", elements);
        } else {
            typed.put("t", value.getClass().getSimpleName());
            typed.put("v", value instanceof Character ? value.toString() : value);
        }
        return typed;
    }

    @SuppressWarnings("unchecked")
    private static Object decodeValue(Map<String, Object> typed) {
        String type = (String) typed.get("t");
        Object value = typed.get("v");
        switch (type) {
            case "array" -> {
                List<Object> elements = (List<Object>) value;
                Object array = Array.newInstance(componentType((String) typed.get("c")), elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    Array.set(array, i, decodeValue((Map<String, Object>) elements.get(i)));
                }
                return array;
            }
            case "list" -> {
                List<Object> list = new ArrayList<>();
                ((List<Object>) value).forEach(element -> list.add(decodeValue((Map<String, Object>) element)));
                return list;
            }
            case "String" -> {
                return value;
            }
            case "Boolean" -> {
                return value;
            }
            case "Character" -> {
                return ((String) value).charAt(0);
            }
            case "Integer" -> {
                return ((Number) value).intValue();
            }
            case "Long" -> {
                return ((Number) value).longValue();
            }
            case "Short" -> {
                return ((Number) value).shortValue();
            }
            case "Byte" -> {
                return ((Number) value).byteValue();
            }
            case "Double" -> {
                return ((Number) value).doubleValue();
            }
            case "Float" -> {
                return ((Number) value).floatValue();
            }
            default -> throw new IllegalArgumentException("unsupported configuration value type " + type);
        }
    }

    private static Class<?> componentType(String name) {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "boolean" -> boolean.class;
            case "java.lang.String" -> String.class;
            case "java.lang.Integer" -> Integer.class;
            case "java.lang.Long" -> Long.class;
            case "java.lang.Short" -> Short.class;
            case "java.lang.Byte" -> Byte.class;
            case "java.lang.Character" -> Character.class;
            case "java.lang.Double" -> Double.class;
            case "java.lang.Float" -> Float.class;
            case "java.lang.Boolean" -> Boolean.class;
            default -> throw new IllegalArgumentException("unsupported configuration array type " + name);
        };
    }
}
