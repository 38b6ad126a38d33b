package fr.mutualis.gateway.autonomy.lighting;

import java.util.Objects;
import java.util.Optional;

/**
 * One circuit at its last evaluation.
 *
 * @param circuit   the circuit's name
 * @param output    the output channel that drives its contactor
 * @param scheduled what its schedule wants, and why
 * @param override  the manual override in force, if any
 * @param applied   what the output was set to; null if the output could not be set
 */
public record CircuitStatus(String circuit, String output, LightingDecision scheduled, Optional<ManualOverride> override,
                            OutputState applied) {

    public CircuitStatus {
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(scheduled, "scheduled");
        Objects.requireNonNull(override, "override");
    }

    /** What the circuit should be: the override while it lasts, else the schedule. */
    public OutputState wanted() {
        return override.map(ManualOverride::state).orElse(scheduled.state());
    }
}
