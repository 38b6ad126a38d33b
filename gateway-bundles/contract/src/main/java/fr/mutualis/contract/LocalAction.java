package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * Something the gateway did on its own (a lighting circuit switched, an alarm raised, an override
 * set from the local console), as recorded in its local action log.
 *
 * @param sequence increasing per gateway, never reused: the fleet stores each (gateway, sequence) once
 * @param at       when the gateway acted, by its own clock
 * @param kind     e.g. {@code lighting}, {@code alarm}, {@code override}
 * @param subject  what it acted on, e.g. a circuit or an alarm rule
 * @param details  free key/value details (state, reason, clock quality…)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalAction(
        long sequence,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at,
        String kind,
        String subject,
        Map<String, String> details) {

    public LocalAction {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
