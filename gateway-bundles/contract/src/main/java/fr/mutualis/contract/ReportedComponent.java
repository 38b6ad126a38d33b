package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configurable component of a gateway: its configuration PID, its Metatype schema and the
 * values it currently has in ConfigAdmin (PASSWORD attributes are never reported, only whether
 * they are set, as {@code "********"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportedComponent(
        String pid,
        String name,
        String description,
        List<AttributeSchema> attributes,
        Map<String, Object> values) {

    /** What the gateway reports instead of a password's value. */
    public static final String MASKED = "********";

    public ReportedComponent {
        Objects.requireNonNull(pid, "pid");
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Every problem of {@code properties} (property name to JSON value) for this component:
     * properties its schema does not declare, and values its attributes refuse.
     */
    public List<ConfigurationProblem> problems(Map<String, Object> properties) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        Map<String, AttributeSchema> byId = new LinkedHashMap<>();
        attributes.forEach(attribute -> byId.put(attribute.id(), attribute));
        properties.forEach((property, value) -> {
            AttributeSchema attribute = byId.get(property);
            if (attribute == null) {
                problems.add(new ConfigurationProblem(pid, property, value,
                        "is not a property of this component (known: " + String.join(", ", byId.keySet()) + ")"));
                return;
            }
            for (String detail : attribute.problems(value)) {
                problems.add(new ConfigurationProblem(pid, property, value, detail));
            }
        });
        return problems;
    }
}
