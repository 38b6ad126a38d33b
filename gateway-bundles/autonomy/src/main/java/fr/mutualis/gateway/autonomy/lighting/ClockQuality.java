package fr.mutualis.gateway.autonomy.lighting;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the gateway can trust its own clock when it decides: synchronised (NTP, GPS time from
 * the concentrator), running on its RTC since the last synchronisation with a bounded possible
 * error, or not set at all (RTC battery flat, the clock reads 1970).
 *
 * @param kind     which of the three
 * @param maxError for {@link Kind#UNCERTAIN}, how wrong the clock may be (in either direction); zero otherwise
 */
public record ClockQuality(Kind kind, Duration maxError) {

    /** How much the clock is trusted. */
    public enum Kind {
        TRUSTED,
        UNCERTAIN,
        UNKNOWN
    }

    private static final ClockQuality TRUSTED = new ClockQuality(Kind.TRUSTED, Duration.ZERO);
    private static final ClockQuality UNKNOWN = new ClockQuality(Kind.UNKNOWN, Duration.ZERO);

    public ClockQuality {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maxError, "maxError");
        if (maxError.isNegative()) {
            throw new IllegalArgumentException("maxError must not be negative, got " + maxError);
        }
        if (kind != Kind.UNCERTAIN && !maxError.isZero()) {
            throw new IllegalArgumentException("only an uncertain clock has a maximum error");
        }
    }

    public static ClockQuality trusted() {
        return TRUSTED;
    }

    public static ClockQuality uncertain(Duration maxError) {
        return new ClockQuality(Kind.UNCERTAIN, maxError);
    }

    public static ClockQuality unknown() {
        return UNKNOWN;
    }
}
