package fr.mutualis.fleet.configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gateway's effective configuration: its layers merged in order (syndicate, commune, tags in
 * name order, gateway), each property of a later layer replacing the earlier one's; a null
 * removes the property (the component's default applies). Also says which layer set each value.
 */
record EffectiveConfiguration(Map<String, Map<String, Object>> components, Map<String, String> origins) {

    /** One layer's content, in merge order. */
    record Layer(LayerId id, Map<String, Map<String, Object>> components) {
    }

    static EffectiveConfiguration merge(List<Layer> layers) {
        Map<String, Map<String, Object>> merged = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        for (Layer layer : layers) {
            layer.components().forEach((pid, properties) -> properties.forEach((property, value) -> {
                if (value == null) {
                    Map<String, Object> component = merged.get(pid);
                    if (component != null) {
                        component.remove(property);
                        if (component.isEmpty()) {
                            merged.remove(pid);
                        }
                    }
                    origins.remove(pid + "." + property);
                } else {
                    merged.computeIfAbsent(pid, p -> new LinkedHashMap<>()).put(property, value);
                    origins.put(pid + "." + property, layer.id().toString());
                }
            }));
        }
        Map<String, Map<String, Object>> sorted = new TreeMap<>();
        merged.forEach((pid, properties) -> sorted.put(pid, new TreeMap<>(properties)));
        return new EffectiveConfiguration(sorted, origins);
    }
}
