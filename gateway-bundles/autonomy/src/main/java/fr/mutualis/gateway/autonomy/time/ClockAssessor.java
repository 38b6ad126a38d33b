package fr.mutualis.gateway.autonomy.time;

import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Tells how far the gateway's wall clock can be trusted, for the decisions that depend on it
 * (lighting). Time sources (NTP, the concentrator's GPS time) report each synchronisation here;
 * in between, the clock runs on the crystal, which drifts by up to {@code driftPpm} parts per
 * million, so the possible error grows with the time since the last synchronisation. That time
 * is measured on the monotonic clock, which a wall-clock step does not move.
 *
 * <ul>
 * <li>wall clock before {@code notBefore} (e.g. the software's release date): {@code UNKNOWN},
 *     the RTC lost its time;</li>
 * <li>not synchronised since start: {@code UNCERTAIN} by {@code unsynchronisedError}, the RTC's
 *     own guess after a power cut;</li>
 * <li>otherwise the synchronisation's error plus the drift since: {@code TRUSTED} up to
 *     {@code trustedWithin}, {@code UNCERTAIN} with that bound beyond.</li>
 * </ul>
 */
public final class ClockAssessor {

    private final Clock wallClock;
    private final LongSupplier monotonicNanos;
    private final double driftPpm;
    private final Duration trustedWithin;
    private final Duration unsynchronisedError;
    private final Instant notBefore;
    private volatile Synchronisation last;

    private record Synchronisation(long monotonicNanos, Duration error) {
    }

    public ClockAssessor(Clock wallClock, LongSupplier monotonicNanos, double driftPpm, Duration trustedWithin,
                         Duration unsynchronisedError, Instant notBefore) {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
        if (!(driftPpm >= 0)) {
            throw new IllegalArgumentException("drift must be zero or more ppm, got " + driftPpm);
        }
        this.driftPpm = driftPpm;
        this.trustedWithin = Objects.requireNonNull(trustedWithin, "trustedWithin");
        this.unsynchronisedError = Objects.requireNonNull(unsynchronisedError, "unsynchronisedError");
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
    }

    /** The wall clock was just set from a source whose own error is at most {@code sourceError}. */
    public void synchronised(Duration sourceError) {
        last = new Synchronisation(monotonicNanos.getAsLong(), sourceError);
    }

    public ClockQuality quality() {
        if (wallClock.instant().isBefore(notBefore)) {
            return ClockQuality.unknown();
        }
        Synchronisation sync = last;
        if (sync == null) {
            return ClockQuality.uncertain(unsynchronisedError);
        }
        long elapsedNanos = Math.max(0, monotonicNanos.getAsLong() - sync.monotonicNanos());
        Duration drift = Duration.ofNanos(Math.round(elapsedNanos * driftPpm / 1e6));
        Duration error = sync.error().plus(drift);
        return error.compareTo(trustedWithin) <= 0 ? ClockQuality.trusted() : ClockQuality.uncertain(error);
    }
}
