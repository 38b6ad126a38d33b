package fr.mutualis.gateway.autonomy.lighting;

import java.time.Duration;
import java.util.List;

/**
 * The lighting circuits as the gateway drives them: what each should be by its schedule, any
 * manual override, and what was applied. Used by the local console (and later by remote
 * commands); the schedules themselves come from configuration.
 */
public interface LightingControl {

    /** The longest manual override: a forgotten one must not keep a street lit or dark for long. */
    Duration MAX_OVERRIDE = Duration.ofHours(24);

    List<CircuitStatus> circuits();

    /**
     * Forces a circuit on or off for {@code duration} (at most {@link #MAX_OVERRIDE}), then the
     * schedule takes over again. Applied at once, kept across a restart of the agent.
     *
     * @throws IllegalArgumentException for an unknown circuit or a duration out of range
     */
    CircuitStatus override(String circuit, OutputState state, Duration duration, String requestedBy);

    /** Ends a circuit's override now. @throws IllegalArgumentException for an unknown circuit */
    CircuitStatus clearOverride(String circuit, String requestedBy);

    /** Evaluates every circuit now and applies the result (the periodic evaluation does the same). */
    List<CircuitStatus> evaluateNow();
}
