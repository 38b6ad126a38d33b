package fr.mutualis.gateway.autonomy.lighting;

import java.util.Objects;

/**
 * What a circuit should be at one instant and why: the reason goes into the local action log and
 * the report to the fleet, so that a commune asking "why was the street dark at 23:30?" gets
 * "cut-off 23:00-05:00" rather than a guess.
 */
public record LightingDecision(OutputState state, Reason reason) {

    /** Why a decision was taken. */
    public enum Reason {
        /** Between the evening and the morning sun events. */
        NIGHT,
        /** Between the morning and the evening sun events. */
        DAY,
        /** Inside the night's wall-clock cut-off. */
        CUT_OFF,
        /** A holiday or event keeps the lights on all night. */
        EXCEPTION_ALL_NIGHT,
        /** An exception keeps the lights off this night. */
        EXCEPTION_OFF,
        /** Inside an exception's custom window. */
        EXCEPTION_WINDOW,
        /** In a night whose custom window is elsewhere. */
        EXCEPTION_OUTSIDE_WINDOW,
        /** The sun does not rise at the site that day. */
        POLAR_NIGHT,
        /** The sun does not set at the site that day. */
        MIDNIGHT_SUN,
        /** The clock may be off: the night was widened by its possible error and the cut-off ignored. */
        CLOCK_UNCERTAIN_NIGHT,
        /** The clock may be off, but even its possible error cannot reach the night. */
        CLOCK_UNCERTAIN_DAY,
        /** The clock is not set: lights on, since dark streets are the failure that matters. */
        CLOCK_UNKNOWN
    }

    public LightingDecision {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    static LightingDecision on(Reason reason) {
        return new LightingDecision(OutputState.ON, reason);
    }

    static LightingDecision off(Reason reason) {
        return new LightingDecision(OutputState.OFF, reason);
    }
}
