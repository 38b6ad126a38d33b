package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.ConfigurationProblem;
import fr.mutualis.contract.ConfigurationPids;
import fr.mutualis.contract.ReportedComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a layer's properties against the schemas the gateways it reaches have reported (the
 * same rules the gateways apply, from the contract), before anything is stored or published.
 * Gateways running the same software report the same schema, so each distinct schema is checked
 * once and its problems name the gateways concerned.
 */
final class SchemaValidation {

    /** The gateways that reported one schema (pid → component). */
    record SchemaGroup(Map<String, ReportedComponent> components, List<String> gateways) {
    }

    private SchemaValidation() {
    }

    /**
     * @param layer    the layer's components as the request gives them (null values remove a property)
     * @param groups   the affected gateways grouped by the schema they reported
     * @param fallback pid → the latest schema any gateway reported, for layers that reach no gateway
     *                 that has reported yet
     */
    static List<InvalidConfigurationException.Problem> problems(Map<String, Map<String, Object>> layer,
                                                                List<SchemaGroup> groups,
                                                                Map<String, ReportedComponent> fallback) {
        List<InvalidConfigurationException.Problem> problems = new ArrayList<>(structure(layer));
        if (!problems.isEmpty()) {
            return problems;
        }
        List<SchemaGroup> checked = groups.isEmpty() ? List.of(new SchemaGroup(fallback, List.of())) : groups;
        Map<String, Aggregate> byProblem = new LinkedHashMap<>();
        for (SchemaGroup group : checked) {
            layer.forEach((pid, properties) -> {
                // A factory instance (a lighting circuit, an alarm rule) is checked against its factory's schema.
                ReportedComponent component = group.components().get(ConfigurationPids.schemaKey(pid));
                if (component == null) {
                    String detail = group.gateways().isEmpty() && fallback.get(ConfigurationPids.schemaKey(pid)) == null
                            ? "is not a component any gateway reports as remotely configurable"
                            : "is not a remotely configurable component of these gateways (they report: "
                                    + String.join(", ", new TreeSet<>(group.components().keySet())) + ")";
                    byProblem.computeIfAbsent(pid + "|" + detail, k -> new Aggregate(pid, null, null, detail))
                            .gateways.addAll(group.gateways());
                    return;
                }
                for (ConfigurationProblem problem : component.problems(properties)) {
                    // Named after the desired PID: for an instance, not after its factory's schema.
                    byProblem.computeIfAbsent(pid + "|" + problem.property() + "|" + problem.detail(),
                                    k -> new Aggregate(pid, problem.property(), problem.value(), problem.detail()))
                            .gateways.addAll(group.gateways());
                }
            });
        }
        byProblem.values().forEach(a -> problems.add(new InvalidConfigurationException.Problem(a.pid, a.property,
                a.value, a.detail, a.gateways.isEmpty() ? null : a.gateways.stream().limit(5).toList(),
                a.gateways.isEmpty() ? null : a.gateways.size())));
        return problems;
    }

    /** What no schema is needed to refuse: empty names, nested objects. */
    private static List<InvalidConfigurationException.Problem> structure(Map<String, Map<String, Object>> layer) {
        List<InvalidConfigurationException.Problem> problems = new ArrayList<>();
        layer.forEach((pid, properties) -> {
            if (pid == null || pid.isBlank()) {
                problems.add(new InvalidConfigurationException.Problem(String.valueOf(pid), null, null,
                        "is not a PID", null, null));
                return;
            }
            if (properties == null) {
                problems.add(new InvalidConfigurationException.Problem(pid, null, null,
                        "must be an object of properties", null, null));
                return;
            }
            var badName = ConfigurationPids.problem(pid);
            if (badName.isPresent()) {
                problems.add(new InvalidConfigurationException.Problem(pid, null, null, badName.get(), null, null));
                return;
            }
            properties.forEach((property, value) -> {
                if (value instanceof Map<?, ?> || value instanceof List<?> list && list.stream().anyMatch(
                        element -> element instanceof Map<?, ?> || element instanceof List<?>)) {
                    problems.add(new InvalidConfigurationException.Problem(pid, property, null,
                            "must be a string, a number, a boolean, null or a list of them", null, null));
                }
            });
        });
        return problems;
    }

    private static final class Aggregate {
        final String pid;
        final String property;
        final Object value;
        final String detail;
        final List<String> gateways = new ArrayList<>();

        Aggregate(String pid, String property, Object value, String detail) {
            this.pid = pid;
            this.property = property;
            this.value = value;
            this.detail = detail;
        }
    }
}
