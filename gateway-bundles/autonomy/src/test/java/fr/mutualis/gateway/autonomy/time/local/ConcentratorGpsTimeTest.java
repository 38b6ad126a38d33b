package fr.mutualis.gateway.autonomy.time.local;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.ReceivedFrame;
import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The concentrator's GPS time disciplines the gateway clock without any network. */
class ConcentratorGpsTimeTest {

    /** The RTC says 21:55 while it is really 22:00 (five minutes late after weeks on the crystal). */
    private static final Instant TRUE_TIME = Instant.parse("2026-11-22T22:00:00Z");
    private static final Instant RTC_TIME = TRUE_TIME.minus(Duration.ofMinutes(5));

    private final AtomicLong monotonic = new AtomicLong();
    private final Clock rtc = Clock.fixed(RTC_TIME, ZoneOffset.UTC);
    private final AssessedGatewayClock clock = new AssessedGatewayClock(rtc, new ClockAssessor(rtc, monotonic::get, 20,
            Duration.ofSeconds(60), Duration.ofMinutes(15), Instant.parse("2026-01-01T00:00:00Z")));
    private final ConcentratorGpsTime gps = new ConcentratorGpsTime(clock, 18, Duration.ofSeconds(1));

    private static ClassifiedFrame frame(Instant receivedBySystemClock, Long gpsMillis) {
        RadioMetadata radio = new RadioMetadata(868_100_000L, "LORA", "SF7BW125", "4/5", -80, 9.5, 0, 0, 1L, 1, null,
                gpsMillis, null, null);
        return new ClassifiedFrame(new ReceivedFrame(receivedBySystemClock, new byte[] {0x40}, radio), Priority.NORMAL);
    }

    /** tmms as a forwarder with a fix sends it: GPS time is ahead of UTC by the 18 leap seconds since 1980. */
    private static long gpsMillisOf(Instant utc) {
        return Duration.between(ConcentratorGpsTime.GPS_EPOCH, utc.plusSeconds(18)).toMillis();
    }

    @Test
    void aFrameStampedWithGpsTimeCorrectsALateRtcAndMakesTheClockTrusted() {
        assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.UNCERTAIN);

        gps.stored(List.of(frame(RTC_TIME, gpsMillisOf(TRUE_TIME))));

        assertThat(clock.now()).isEqualTo(TRUE_TIME);
        assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.TRUSTED);
        assertThat(gps.metrics()).containsEntry("autonomy.clock.gps.observations", 1L)
                .containsEntry("autonomy.clock.gps.offset.ms", Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aSystemClockAlreadyRightWithinTheSourcesErrorIsLeftAlone() {
        gps.stored(List.of(frame(RTC_TIME, gpsMillisOf(RTC_TIME.plusMillis(400)))));

        assertThat(clock.correction()).isZero();
        assertThat(clock.now()).isEqualTo(RTC_TIME);
        assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.TRUSTED);
    }

    @Test
    void framesWithoutAGpsFixTellNothingAndTheClockStaysUncertain() {
        gps.stored(List.of(frame(RTC_TIME, null), frame(RTC_TIME, 0L)));

        assertThat(clock.now()).isEqualTo(RTC_TIME);
        assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.UNCERTAIN);
        assertThat(gps.metrics()).containsEntry("autonomy.clock.gps.observations", 0L)
                .doesNotContainKey("autonomy.clock.gps.offset.ms");
    }

    @Test
    void withoutNewFixesTheCrystalsDriftMakesTheClockUncertainAgain() {
        gps.stored(List.of(frame(RTC_TIME, gpsMillisOf(TRUE_TIME))));
        // 20 ppm: one second of possible error per 13.9 hours; 60 s are reached after about 35 days.
        monotonic.addAndGet(Duration.ofDays(36).toNanos());

        assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.UNCERTAIN);
    }
}
