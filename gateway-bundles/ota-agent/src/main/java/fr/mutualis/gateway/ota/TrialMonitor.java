package fr.mutualis.gateway.ota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges a release on trial, one {@link #tick} at a time: it is kept once it has been healthy
 * without interruption for the health window; it is reverted once it has been unhealthy — for any
 * reason, a lost uplink included (the dead-man switch) — for the contact timeout, counted from the
 * start of the trial or from the last healthy moment.
 */
final class TrialMonitor {

    /** What the monitor decided at a tick. */
    sealed interface Verdict permits Pending, Keep, Revert {
    }

    record Pending(Optional<String> problem) implements Verdict {
    }

    record Keep() implements Verdict {
    }

    record Revert(String reason) implements Verdict {
    }

    private final Supplier<Optional<String>> probe;
    private final Duration healthWindow;
    private final Duration contactTimeout;
    private final Clock clock;
    private Instant healthySince;
    private Instant unhealthySince;

    TrialMonitor(Supplier<Optional<String>> probe, Duration healthWindow, Duration contactTimeout, Clock clock) {
        this.probe = probe;
        this.healthWindow = healthWindow;
        this.contactTimeout = contactTimeout;
        this.clock = clock;
        this.unhealthySince = clock.instant();
    }

    Verdict tick() {
        Instant now = clock.instant();
        Optional<String> problem = probe.get();
        if (problem.isEmpty()) {
            unhealthySince = null;
            if (healthySince == null) {
                healthySince = now;
            }
            return Duration.between(healthySince, now).compareTo(healthWindow) >= 0 ? new Keep() : new Pending(problem);
        }
        healthySince = null;
        if (unhealthySince == null) {
            unhealthySince = now;
        }
        if (Duration.between(unhealthySince, now).compareTo(contactTimeout) >= 0) {
            return new Revert("unhealthy for " + contactTimeout.toSeconds() + " s during the health check: " + problem.get());
        }
        return new Pending(problem);
    }
}
