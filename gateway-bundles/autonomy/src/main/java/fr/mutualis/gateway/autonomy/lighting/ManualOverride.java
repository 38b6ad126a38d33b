package fr.mutualis.gateway.autonomy.lighting;

import java.time.Instant;
import java.util.Objects;

/**
 * A circuit forced on or off by a person until {@code until}.
 *
 * @param circuit     the circuit
 * @param state       the forced state
 * @param until       when the schedule takes over again
 * @param requestedBy who asked (e.g. "console"), for the action log
 */
public record ManualOverride(String circuit, OutputState state, Instant until, String requestedBy) {

    public ManualOverride {
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
