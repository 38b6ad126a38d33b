package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one property of a configuration is refused.
 *
 * @param pid      the component's configuration PID
 * @param property the property, or null when the whole component is refused
 * @param value    the value refused
 * @param detail   one sentence, e.g. "must be at most 65535, got 70000"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigurationProblem(String pid, String property, Object value, String detail) {

    /** "pid.property detail", the form used in logs and error messages. */
    @Override
    public String toString() {
        return pid + (property == null ? "" : "." + property) + " " + detail;
    }
}
