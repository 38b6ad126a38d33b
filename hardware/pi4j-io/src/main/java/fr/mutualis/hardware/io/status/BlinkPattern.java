package fr.mutualis.hardware.io.status;

import fr.mutualis.hardware.io.StatusPattern;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The LED sequence of a {@link StatusPattern}: alternating lit and dark segments, starting lit,
 * repeated forever. Patterns differ in rhythm, not only in speed, so that a technician can tell
 * them apart without a reference blink to compare with.
 */
public final class BlinkPattern {

    private static final Duration FLASH = Duration.ofMillis(150);

    private final StatusPattern status;
    private final List<Duration> segments;

    private BlinkPattern(StatusPattern status, Duration... segments) {
        this.status = status;
        this.segments = List.of(segments);
        if (this.segments.size() % 2 != 0) {
            throw new IllegalArgumentException("a pattern alternates lit and dark: an even number of segments");
        }
    }

    public static BlinkPattern of(StatusPattern status) {
        switch (Objects.requireNonNull(status, "status")) {
            case BOOTING:
                return new BlinkPattern(status, ms(100), ms(100));
            case ENROLLED:
                return new BlinkPattern(status, FLASH, FLASH, FLASH, ms(1_050));
            case ONLINE:
                return new BlinkPattern(status, ms(1_900), ms(100));
            case OFFLINE_BUFFERING:
                return new BlinkPattern(status, ms(1_000), ms(1_000));
            case ERROR:
                return new BlinkPattern(status, FLASH, FLASH, FLASH, FLASH, FLASH, ms(1_050));
            default:
                throw new IllegalArgumentException("no blink pattern for " + status);
        }
    }

    public StatusPattern status() {
        return status;
    }

    /** Durations of the lit, dark, lit, dark... segments of one cycle. */
    public List<Duration> segments() {
        return segments;
    }

    /** Whether segment {@code index} (modulo the cycle) is lit. */
    public boolean lit(int index) {
        return index % 2 == 0;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
