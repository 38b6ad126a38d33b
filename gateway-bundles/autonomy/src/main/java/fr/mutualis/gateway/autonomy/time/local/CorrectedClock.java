package fr.mutualis.gateway.autonomy.time.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A time base moved by a correction that a time source sets (the concentrator's GPS time told
 * that the RTC is five minutes late): what the lighting reads when it cannot change the system clock.
 */
final class CorrectedClock extends Clock {

    private final Clock base;
    private volatile Duration correction = Duration.ZERO;

    CorrectedClock(Clock base) {
        this.base = base;
    }

    void correctBy(Duration newCorrection) {
        correction = newCorrection;
    }

    Duration correction() {
        return correction;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(correction);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        CorrectedClock zoned = new CorrectedClock(base.withZone(zone));
        zoned.correctBy(correction);
        return zoned;
    }
}
