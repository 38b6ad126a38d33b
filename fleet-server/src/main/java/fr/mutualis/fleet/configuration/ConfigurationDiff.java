package fr.mutualis.fleet.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Property-by-property differences between two configurations ({@code pid → property → value}). */
final class ConfigurationDiff {

    /** One difference; {@code before} or {@code after} is absent when the property was added or removed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(String pid, String property, String change, Object before, Object after) {
    }

    private ConfigurationDiff() {
    }

    static List<Change> between(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after) {
        List<Change> changes = new ArrayList<>();
        TreeSet<String> pids = new TreeSet<>(before.keySet());
        pids.addAll(after.keySet());
        for (String pid : pids) {
            Map<String, Object> a = before.getOrDefault(pid, Map.of());
            Map<String, Object> b = after.getOrDefault(pid, Map.of());
            TreeSet<String> properties = new TreeSet<>(a.keySet());
            properties.addAll(b.keySet());
            for (String property : properties) {
                boolean wasSet = a.containsKey(property);
                boolean isSet = b.containsKey(property);
                if (wasSet && !isSet) {
                    changes.add(new Change(pid, property, "REMOVED", a.get(property), null));
                } else if (!wasSet) {
                    changes.add(new Change(pid, property, "ADDED", null, b.get(property)));
                } else if (!sameValue(a.get(property), b.get(property))) {
                    changes.add(new Change(pid, property, "CHANGED", a.get(property), b.get(property)));
                }
            }
        }
        return changes;
    }

    /** JSON numbers compare by value (1700 read as an Integer equals 1700 read as a Long). */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
