package fr.mutualis.hardware.watchdog.linux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The health predicate behind the watchdog: healthy while the last heartbeat is at most
 * {@code timeout} old. The monitor's creation counts as a beat, which gives the agent one
 * timeout to send its first heartbeat after start.
 */
final class HeartbeatMonitor {

    private final Clock clock;
    private final Duration timeout;
    private volatile Instant lastBeat;

    HeartbeatMonitor(Clock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.lastBeat = clock.instant();
    }

    void beat() {
        lastBeat = clock.instant();
    }

    boolean healthy() {
        return !clock.instant().isAfter(lastBeat.plus(timeout));
    }

    Instant lastBeat() {
        return lastBeat;
    }
}
