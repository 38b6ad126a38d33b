package fr.mutualis.gateway.autonomy.sun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1 of issue 9: the astronomical clock agrees with an independent almanac within two
 * minutes for French sites over a whole year, summer-time changes included. The almanac is
 * PyEphem (USNO/XEphem algorithms, a different solar theory and root finder from ours), run over
 * every day of 2027 for six sites spanning mainland France and Corsica.
 */
class AstronomicalClockOracleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int YEAR = 2027;
    private static final Duration TOLERANCE = Duration.ofMinutes(2);
    /**
     * What the algorithm actually achieves (under 5 s in 2027), with margin: a regression such as a
     * lost refraction term (several minutes) or a missed equation-of-time term fails here long
     * before it would reach the acceptance tolerance.
     */
    private static final Duration REGRESSION_BOUND = Duration.ofSeconds(15);

    // Town halls (or cathedral squares), rounded to 0.001 degree: 100 m moves sunrise by < 0.5 s.
    private static final List<PyEphemOracle.Place> PLACES = List.of(
            new PyEphemOracle.Place("Rennes", new GeoPosition(48.111, -1.680)),
            new PyEphemOracle.Place("Brest", new GeoPosition(48.390, -4.486)),
            new PyEphemOracle.Place("Lille", new GeoPosition(50.637, 3.063)),
            new PyEphemOracle.Place("Strasbourg", new GeoPosition(48.582, 7.751)),
            new PyEphemOracle.Place("Marseille", new GeoPosition(43.296, 5.370)),
            new PyEphemOracle.Place("Ajaccio", new GeoPosition(41.919, 8.739)));

    private static Map<String, List<PyEphemOracle.Day>> oracle;

    @BeforeAll
    static void runOracle() throws Exception {
        oracle = PyEphemOracle.year(YEAR, PLACES);
    }

    @Test
    void everyDayOf2027AtSixFrenchSitesIsWithinTwoMinutesOfTheAlmanac() {
        List<String> report = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        long worstOverall = 0;
        for (PyEphemOracle.Place place : PLACES) {
            AstronomicalClock clock = new AstronomicalClock(place.position(), PARIS);
            List<PyEphemOracle.Day> days = oracle.get(place.name());
            assertThat(days).as(place.name()).hasSize(LocalDate.of(YEAR, 12, 31).getDayOfYear());
            long[] worst = new long[4];
            for (PyEphemOracle.Day day : days) {
                SunCrossings sun = clock.sun(day.date());
                SunCrossings civil = clock.civilTwilight(day.date());
                assertThat(sun.kind()).isEqualTo(SunCrossings.Kind.RISES_AND_SETS);
                assertThat(civil.kind()).isEqualTo(SunCrossings.Kind.RISES_AND_SETS);
                Instant[] ours = {sun.rise().orElseThrow().toInstant(), sun.set().orElseThrow().toInstant(),
                        civil.rise().orElseThrow().toInstant(), civil.set().orElseThrow().toInstant()};
                Instant[] theirs = {day.rise(), day.set(), day.dawn(), day.dusk()};
                for (int i = 0; i < 4; i++) {
                    long deviation = Math.abs(Duration.between(theirs[i], ours[i]).toMillis());
                    worst[i] = Math.max(worst[i], deviation);
                    worstOverall = Math.max(worstOverall, deviation);
                    if (deviation > TOLERANCE.toMillis()) {
                        outside.add(place.name() + " " + day.date() + " event " + i + ": ours " + ours[i]
                                + ", almanac " + theirs[i]);
                    }
                }
                // Every event falls on the date asked, in the zone's offset of that moment.
                assertThat(sun.rise().orElseThrow().toLocalDate()).isEqualTo(day.date());
                assertThat(civil.set().orElseThrow().toLocalDate()).isEqualTo(day.date());
            }
            report.add(String.format(Locale.ROOT, "%-10s max deviation (s): sunrise %.1f, sunset %.1f,"
                    + " civil dawn %.1f, civil dusk %.1f", place.name(), worst[0] / 1e3, worst[1] / 1e3,
                    worst[2] / 1e3, worst[3] / 1e3));
        }
        // Printed for the acceptance note and docs: how close, not only "close enough".
        report.forEach(System.out::println);
        assertThat(outside).as("events more than %s from the almanac", TOLERANCE).isEmpty();
        assertThat(worstOverall).as("worst deviation in ms").isLessThanOrEqualTo(REGRESSION_BOUND.toMillis());
    }

    @Test
    void summerTimeStartMovesTheClockTimesByAnHourButNotTheSun() {
        // 2027: summer time starts Sunday 28 March at 02:00 CET (01:00 UTC).
        AstronomicalClock rennes = new AstronomicalClock(PLACES.get(0).position(), PARIS);
        ZonedDateTime saturdayRise = rennes.sun(LocalDate.of(YEAR, 3, 27)).rise().orElseThrow();
        ZonedDateTime sundayRise = rennes.sun(LocalDate.of(YEAR, 3, 28)).rise().orElseThrow();
        ZonedDateTime sundaySet = rennes.sun(LocalDate.of(YEAR, 3, 28)).set().orElseThrow();

        assertThat(saturdayRise.getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(sundayRise.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(sundaySet.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        // The sun rises about 2 minutes earlier each day at the equinox; the clock jumps an hour.
        Duration wallClockJump = Duration.between(saturdayRise.toLocalTime(), sundayRise.toLocalTime());
        assertThat(wallClockJump).isBetween(Duration.ofMinutes(55), Duration.ofMinutes(59));
        assertWithinTwoMinutesOfOracle("Rennes", LocalDate.of(YEAR, 3, 27), saturdayRise.toInstant(), true);
        assertWithinTwoMinutesOfOracle("Rennes", LocalDate.of(YEAR, 3, 28), sundayRise.toInstant(), true);
        assertWithinTwoMinutesOfOracle("Rennes", LocalDate.of(YEAR, 3, 28), sundaySet.toInstant(), false);
    }

    @Test
    void summerTimeEndMovesTheClockTimesBackAnHour() {
        // 2027: summer time ends Sunday 31 October at 03:00 CEST (01:00 UTC).
        AstronomicalClock strasbourg = new AstronomicalClock(PLACES.get(3).position(), PARIS);
        SunCrossings saturday = strasbourg.sun(LocalDate.of(YEAR, 10, 30));
        SunCrossings sunday = strasbourg.sun(LocalDate.of(YEAR, 10, 31));

        assertThat(saturday.set().orElseThrow().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(sunday.rise().orElseThrow().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        Duration wallClockJump = Duration.between(saturday.set().orElseThrow().toLocalTime(),
                sunday.set().orElseThrow().toLocalTime());
        // Sunset comes about 1.5 minutes earlier each day in late October, and an hour earlier by the clock.
        assertThat(wallClockJump).isBetween(Duration.ofMinutes(-63), Duration.ofMinutes(-61));
        assertWithinTwoMinutesOfOracle("Strasbourg", LocalDate.of(YEAR, 10, 30),
                saturday.set().orElseThrow().toInstant(), false);
        assertWithinTwoMinutesOfOracle("Strasbourg", LocalDate.of(YEAR, 10, 31),
                sunday.rise().orElseThrow().toInstant(), true);
    }

    private static void assertWithinTwoMinutesOfOracle(String place, LocalDate date, Instant ours, boolean rise) {
        Optional<PyEphemOracle.Day> day = oracle.get(place).stream().filter(d -> d.date().equals(date)).findFirst();
        Instant theirs = rise ? day.orElseThrow().rise() : day.orElseThrow().set();
        assertThat(Duration.between(theirs, ours).abs()).isLessThanOrEqualTo(TOLERANCE);
    }
}
