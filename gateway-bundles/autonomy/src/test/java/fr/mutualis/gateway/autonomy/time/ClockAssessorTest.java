package fr.mutualis.gateway.autonomy.time;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClockAssessorTest {

    private static final Instant RELEASE = Instant.parse("2026-11-01T00:00:00Z");
    private final AtomicLong monotonic = new AtomicLong(1_000_000_000L);

    private ClockAssessor assessor(Instant wallClockNow) {
        // 20 ppm is a typical RTC crystal: 1.7 s a day; trusted within 30 s.
        return new ClockAssessor(Clock.fixed(wallClockNow, ZoneOffset.UTC), monotonic::get, 20,
                Duration.ofSeconds(30), Duration.ofMinutes(15), RELEASE);
    }

    private void elapse(Duration duration) {
        monotonic.addAndGet(duration.toNanos());
    }

    @Test
    void aClockBeforeTheReleaseDateHasLostItsTime() {
        ClockAssessor assessor = assessor(Instant.parse("1970-01-01T00:00:42Z"));
        assessor.synchronised(Duration.ZERO); // even a "sync" cannot make 1970 right
        assertThat(assessor.quality()).isEqualTo(ClockQuality.unknown());
    }

    @Test
    void beforeAnySynchronisationTheRtcIsAGuess() {
        assertThat(assessor(Instant.parse("2027-03-28T01:30:00Z")).quality())
                .isEqualTo(ClockQuality.uncertain(Duration.ofMinutes(15)));
    }

    @Test
    void trustDecaysWithTheDriftSinceTheLastSynchronisation() {
        ClockAssessor assessor = assessor(Instant.parse("2027-03-28T01:30:00Z"));
        assessor.synchronised(Duration.ofMillis(100)); // GPS time from the concentrator
        assertThat(assessor.quality()).isEqualTo(ClockQuality.trusted());

        elapse(Duration.ofDays(14)); // 14 days * 1.728 s = 24.2 s + 0.1 s: still within 30 s
        assertThat(assessor.quality()).isEqualTo(ClockQuality.trusted());

        elapse(Duration.ofDays(7)); // 21 days: 36.4 s
        ClockQuality quality = assessor.quality();
        assertThat(quality.kind()).isEqualTo(ClockQuality.Kind.UNCERTAIN);
        assertThat(quality.maxError()).isBetween(Duration.ofMillis(36_300), Duration.ofMillis(36_500));

        assessor.synchronised(Duration.ofMillis(50)); // the backhaul is back: NTP
        assertThat(assessor.quality()).isEqualTo(ClockQuality.trusted());
    }
}
