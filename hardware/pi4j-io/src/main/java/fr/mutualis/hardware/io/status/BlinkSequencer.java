package fr.mutualis.hardware.io.status;

import java.time.Duration;

/**
 * Walks a {@link BlinkPattern} one segment at a time: the LED driver sets the level and sleeps
 * for the segment's duration, so the LED costs one timer event per edge rather than a polling loop.
 * Not thread-safe: one driver thread owns it.
 */
public final class BlinkSequencer {

    /** One step: the LED level and how long to hold it. */
    public record Step(boolean lit, Duration hold) {
    }

    private final BlinkPattern pattern;
    private int index;

    public BlinkSequencer(BlinkPattern pattern) {
        this.pattern = pattern;
    }

    public Step next() {
        int segment = index;
        index = (index + 1) % pattern.segments().size();
        return new Step(pattern.lit(segment), pattern.segments().get(segment));
    }
}
