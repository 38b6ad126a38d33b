package fr.mutualis.gateway.autonomy.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.autonomy.lighting.LightingDecision.Reason;
import fr.mutualis.gateway.autonomy.sun.AstronomicalClock;
import fr.mutualis.gateway.autonomy.sun.GeoPosition;
import fr.mutualis.gateway.autonomy.sun.SunAltitude;
import fr.mutualis.gateway.autonomy.sun.SunCrossings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LightingScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AstronomicalClock RENNES = new AstronomicalClock(new GeoPosition(48.111, -1.680), PARIS);
    private static final LocalWindow CUT_OFF = LocalWindow.of("23:00", "05:00");
    private static final ClockQuality TRUSTED = ClockQuality.trusted();

    private static LightingSchedule schedule(Duration onAfterSunset, Duration offAfterSunrise, LocalWindow cutOff,
                                             DateException... exceptions) {
        return new LightingSchedule(RENNES, CircuitSchedule.of("street-1", SunAltitude.SUNRISE_SUNSET,
                onAfterSunset, offAfterSunrise, cutOff, List.of(exceptions)));
    }

    /** Wall-clock time in Paris with an explicit offset, so that DST-day tests say which of two 02:30s they mean. */
    private static Instant at(String localDateTime, int utcOffsetHours) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(utcOffsetHours));
    }

    private static SunCrossings sun(LocalDate date) {
        return RENNES.sun(date);
    }

    @Nested
    class SunsetToSunrise {

        private final LightingSchedule plain = schedule(Duration.ofMinutes(15), Duration.ofMinutes(-10), null);

        @Test
        void switchesOnAtSunsetPlusOffsetAndOffAtSunriseMinusOffset() {
            LocalDate date = LocalDate.of(2027, 1, 15);
            Instant sunset = sun(date).set().orElseThrow().toInstant();
            Instant sunrise = sun(date).rise().orElseThrow().toInstant();

            assertThat(plain.desiredState(sunset.plus(Duration.ofMinutes(14)), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.DAY));
            assertThat(plain.desiredState(sunset.plus(Duration.ofMinutes(15)), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.NIGHT));
            assertThat(plain.desiredState(sunrise.minus(Duration.ofMinutes(11)), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.NIGHT));
            assertThat(plain.desiredState(sunrise.minus(Duration.ofMinutes(10)), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.DAY));
            assertThat(plain.desiredState(at("2027-01-15T13:00", 1), TRUSTED).state()).isEqualTo(OutputState.OFF);
            // Without a cut-off the whole night is lit, across midnight.
            assertThat(plain.desiredState(at("2027-01-16T00:30", 1), TRUSTED).reason()).isEqualTo(Reason.NIGHT);
        }

        @Test
        void followsCivilTwilightWhenThatIsTheReference() {
            LightingSchedule civil = new LightingSchedule(RENNES, CircuitSchedule.of("street-1",
                    SunAltitude.CIVIL_TWILIGHT, Duration.ZERO, Duration.ZERO, null, List.of()));
            LocalDate date = LocalDate.of(2027, 6, 21);
            Instant dusk = RENNES.civilTwilight(date).set().orElseThrow().toInstant();
            Instant sunset = sun(date).set().orElseThrow().toInstant();
            assertThat(civil.desiredState(sunset.plusSeconds(60), TRUSTED).state()).isEqualTo(OutputState.OFF);
            assertThat(civil.desiredState(dusk.minusSeconds(1), TRUSTED).state()).isEqualTo(OutputState.OFF);
            assertThat(civil.desiredState(dusk, TRUSTED).state()).isEqualTo(OutputState.ON);
        }
    }

    @Nested
    class CutOff {

        private final LightingSchedule withCutOff = schedule(Duration.ZERO, Duration.ZERO, CUT_OFF);

        @Test
        void darkBetweenElevenAndFiveAcrossMidnight() {
            assertThat(withCutOff.desiredState(at("2027-01-15T22:59", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.NIGHT));
            assertThat(withCutOff.desiredState(at("2027-01-15T23:00", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.CUT_OFF));
            assertThat(withCutOff.desiredState(at("2027-01-16T00:30", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.CUT_OFF));
            assertThat(withCutOff.desiredState(at("2027-01-16T04:59", 1), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            // Back on from 05:00 until sunrise (about 08:50 in January).
            assertThat(withCutOff.desiredState(at("2027-01-16T05:00", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.NIGHT));
        }

        @Test
        void inMidsummerTheMorningAfterTheCutOffIsShortButLit() {
            // Sunrise in Rennes on 21 June is about 06:05 CEST: 05:00-06:05 lit, then day.
            Instant sunrise = sun(LocalDate.of(2027, 6, 22)).rise().orElseThrow().toInstant();
            assertThat(withCutOff.desiredState(at("2027-06-22T05:30", 2), TRUSTED).reason()).isEqualTo(Reason.NIGHT);
            assertThat(withCutOff.desiredState(sunrise, TRUSTED).reason()).isEqualTo(Reason.DAY);
        }

        @Test
        void marchSummerTimeNightIsLitForTheRightDurations() {
            // Night of Saturday 27 to Sunday 28 March 2027; 02:00 CET becomes 03:00 CEST.
            LocalDate saturday = LocalDate.of(2027, 3, 27);
            Instant sunset = sun(saturday).set().orElseThrow().toInstant();
            Instant sunrise = sun(saturday.plusDays(1)).rise().orElseThrow().toInstant();
            assertThat(withCutOff.desiredState(at("2027-03-28T01:59", 1), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            assertThat(withCutOff.desiredState(at("2027-03-28T03:00", 2), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            assertThat(withCutOff.desiredState(at("2027-03-28T05:00", 2), TRUSTED).reason()).isEqualTo(Reason.NIGHT);
            // Sunrise moved from about 06:56 CET to 07:54 CEST: the morning lighting follows the sun, not the clock.
            assertThat(sunrise.atZone(PARIS).toLocalTime()).isBetween(LocalTime.of(7, 50), LocalTime.of(7, 58));
            assertThat(withCutOff.desiredState(at("2027-03-28T07:30", 2), TRUSTED).reason()).isEqualTo(Reason.NIGHT);

            Duration lit = litDuration(withCutOff, sunset.minusSeconds(3600), sunrise.plusSeconds(3600));
            Duration expected = Duration.between(sunset, at("2027-03-27T23:00", 1))
                    .plus(Duration.between(at("2027-03-28T05:00", 2), sunrise));
            assertThat(lit).isBetween(expected.minusMinutes(1), expected.plusMinutes(1));
            // 23:00 CET to 05:00 CEST is only five hours of real time.
            assertThat(Duration.between(at("2027-03-27T23:00", 1), at("2027-03-28T05:00", 2))).hasHours(5);
        }

        @Test
        void octoberSummerTimeNightIsDarkThroughBothTwoThirties() {
            // Night of Saturday 30 to Sunday 31 October 2027; 03:00 CEST becomes 02:00 CET.
            LocalDate saturday = LocalDate.of(2027, 10, 30);
            Instant sunset = sun(saturday).set().orElseThrow().toInstant();
            Instant sunrise = sun(saturday.plusDays(1)).rise().orElseThrow().toInstant();
            assertThat(withCutOff.desiredState(at("2027-10-31T02:30", 2), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            assertThat(withCutOff.desiredState(at("2027-10-31T02:30", 1), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            assertThat(withCutOff.desiredState(at("2027-10-31T05:00", 1), TRUSTED).reason()).isEqualTo(Reason.NIGHT);

            Duration lit = litDuration(withCutOff, sunset.minusSeconds(3600), sunrise.plusSeconds(3600));
            Duration expected = Duration.between(sunset, at("2027-10-30T23:00", 2))
                    .plus(Duration.between(at("2027-10-31T05:00", 1), sunrise));
            assertThat(lit).isBetween(expected.minusMinutes(1), expected.plusMinutes(1));
        }

        /** Time lit between two instants, sampled every minute (a compressed night, not wall-clock waiting). */
        private Duration litDuration(LightingSchedule schedule, Instant from, Instant to) {
            long minutes = 0;
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                if (schedule.desiredState(t, TRUSTED).state() == OutputState.ON) {
                    minutes++;
                }
            }
            return Duration.ofMinutes(minutes);
        }
    }

    @Nested
    class Exceptions {

        @Test
        void allNightOnBastilleDayOnlyForThatNight() {
            LightingSchedule schedule = schedule(Duration.ZERO, Duration.ZERO, CUT_OFF,
                    DateException.allNight(LocalDate.of(2027, 7, 14)));
            assertThat(schedule.desiredState(at("2027-07-15T00:30", 2), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.EXCEPTION_ALL_NIGHT));
            assertThat(schedule.desiredState(at("2027-07-14T00:30", 2), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            assertThat(schedule.desiredState(at("2027-07-16T00:30", 2), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
            assertThat(schedule.desiredState(at("2027-07-14T15:00", 2), TRUSTED).reason()).isEqualTo(Reason.DAY);
        }

        @Test
        void customWindowAcrossNewYearReplacesTheNightsRule() {
            LightingSchedule schedule = schedule(Duration.ZERO, Duration.ZERO, CUT_OFF,
                    DateException.window(LocalDate.of(2027, 12, 31), LocalWindow.of("18:00", "02:00")));
            // Sunset in Rennes on 31 December is about 17:15: the custom window starts later.
            assertThat(schedule.desiredState(at("2027-12-31T17:30", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.EXCEPTION_OUTSIDE_WINDOW));
            assertThat(schedule.desiredState(at("2027-12-31T18:00", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.EXCEPTION_WINDOW));
            assertThat(schedule.desiredState(at("2028-01-01T01:59", 1), TRUSTED).reason())
                    .isEqualTo(Reason.EXCEPTION_WINDOW);
            assertThat(schedule.desiredState(at("2028-01-01T02:00", 1), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.EXCEPTION_OUTSIDE_WINDOW));
            // The next night is back to the usual rule.
            assertThat(schedule.desiredState(at("2028-01-01T22:00", 1), TRUSTED).reason()).isEqualTo(Reason.NIGHT);
            assertThat(schedule.desiredState(at("2028-01-02T01:00", 1), TRUSTED).reason()).isEqualTo(Reason.CUT_OFF);
        }

        @Test
        void offForOneNight() {
            LightingSchedule schedule = schedule(Duration.ZERO, Duration.ZERO, null,
                    DateException.off(LocalDate.of(2027, 8, 12)));
            assertThat(schedule.desiredState(at("2027-08-12T23:30", 2), TRUSTED))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.EXCEPTION_OFF));
            assertThat(schedule.desiredState(at("2027-08-13T23:30", 2), TRUSTED).reason()).isEqualTo(Reason.NIGHT);
        }

        @Test
        void twoExceptionsForOneNightAreRejected() {
            LocalDate night = LocalDate.of(2027, 7, 14);
            assertThatThrownBy(() -> schedule(Duration.ZERO, Duration.ZERO, null, DateException.allNight(night),
                    DateException.off(night))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2027-07-14");
        }
    }

    @Nested
    class UncertainClock {

        private final LightingSchedule withCutOff = schedule(Duration.ZERO, Duration.ZERO, CUT_OFF,
                DateException.off(LocalDate.of(2027, 2, 3)));
        private final ClockQuality halfAnHour = ClockQuality.uncertain(Duration.ofMinutes(30));

        @Test
        void ignoresTheCutOffAndOffExceptions() {
            assertThat(withCutOff.desiredState(at("2027-02-02T01:00", 1), halfAnHour))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.CLOCK_UNCERTAIN_NIGHT));
            assertThat(withCutOff.desiredState(at("2027-02-03T23:30", 1), halfAnHour).state())
                    .isEqualTo(OutputState.ON);
        }

        @Test
        void widensTheNightByThePossibleError() {
            LocalDate date = LocalDate.of(2027, 2, 2);
            Instant sunset = sun(date).set().orElseThrow().toInstant();
            Instant sunrise = sun(date).rise().orElseThrow().toInstant();
            assertThat(withCutOff.desiredState(sunset.minus(Duration.ofMinutes(29)), halfAnHour).state())
                    .isEqualTo(OutputState.ON);
            assertThat(withCutOff.desiredState(sunset.minus(Duration.ofMinutes(31)), halfAnHour))
                    .isEqualTo(new LightingDecision(OutputState.OFF, Reason.CLOCK_UNCERTAIN_DAY));
            assertThat(withCutOff.desiredState(sunrise.plus(Duration.ofMinutes(29)), halfAnHour).state())
                    .isEqualTo(OutputState.ON);
            assertThat(withCutOff.desiredState(sunrise.plus(Duration.ofMinutes(31)), halfAnHour).state())
                    .isEqualTo(OutputState.OFF);
            assertThat(withCutOff.desiredState(at("2027-02-02T13:00", 1), halfAnHour).state())
                    .isEqualTo(OutputState.OFF);
        }

        @Test
        void anUnsetClockKeepsTheLightsOn() {
            assertThat(withCutOff.desiredState(at("1970-01-01T13:00", 1), ClockQuality.unknown()))
                    .isEqualTo(new LightingDecision(OutputState.ON, Reason.CLOCK_UNKNOWN));
        }
    }

    @Test
    void polarNightIsLitAllDay() {
        AstronomicalClock tromso = new AstronomicalClock(new GeoPosition(69.65, 18.96), ZoneId.of("Europe/Oslo"));
        LightingSchedule schedule = new LightingSchedule(tromso, CircuitSchedule.of("harbour",
                SunAltitude.SUNRISE_SUNSET, Duration.ZERO, Duration.ZERO, null, List.of()));
        assertThat(schedule.desiredState(Instant.parse("2027-12-21T11:00:00Z"), TRUSTED))
                .isEqualTo(new LightingDecision(OutputState.ON, Reason.POLAR_NIGHT));
        assertThat(schedule.desiredState(Instant.parse("2027-06-21T23:00:00Z"), TRUSTED))
                .isEqualTo(new LightingDecision(OutputState.OFF, Reason.MIDNIGHT_SUN));
    }

    @Test
    void rejectsSchedulesThatCannotMeanAnything() {
        assertThatThrownBy(() -> LocalWindow.of("23:00", "23:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule(Duration.ofHours(4), Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onAfterSunset");
        assertThatThrownBy(() -> ClockQuality.uncertain(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DateException(LocalDate.of(2027, 1, 1), DateException.Mode.WINDOW, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitSchedule(" ", SunAltitude.SUNRISE_SUNSET, Duration.ZERO, Duration.ZERO,
                java.util.Optional.empty(), java.util.Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
