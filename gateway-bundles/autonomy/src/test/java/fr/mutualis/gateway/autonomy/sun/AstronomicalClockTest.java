package fr.mutualis.gateway.autonomy.sun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AstronomicalClockTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final GeoPosition MARSEILLE = new GeoPosition(43.296, 5.370);

    @Test
    void atTheComputedCrossingsTheSunIsAtTheRequestedAltitude() {
        AstronomicalClock clock = new AstronomicalClock(MARSEILLE, PARIS);
        for (LocalDate date = LocalDate.of(2027, 1, 1); date.getYear() == 2027; date = date.plusDays(13)) {
            for (SunAltitude altitude : SunAltitude.values()) {
                SunCrossings crossings = clock.crossings(date, altitude);
                // The sun moves about 0.2 degree in a minute near the horizon: 0.01 degree is 3 s.
                assertThat(SolarPosition.altitude(MARSEILLE, crossings.rise().orElseThrow().toInstant()))
                        .as("%s", crossings).isCloseTo(altitude.degrees(), within(0.01));
                assertThat(SolarPosition.altitude(MARSEILLE, crossings.set().orElseThrow().toInstant()))
                        .as("%s", crossings).isCloseTo(altitude.degrees(), within(0.01));
            }
        }
    }

    @Test
    void civilTwilightBracketsSunriseAndSunset() {
        AstronomicalClock clock = new AstronomicalClock(MARSEILLE, PARIS);
        LocalDate date = LocalDate.of(2027, 12, 21);
        SunCrossings sun = clock.sun(date);
        SunCrossings civil = clock.civilTwilight(date);
        assertThat(civil.rise().orElseThrow()).isBefore(sun.rise().orElseThrow());
        assertThat(civil.set().orElseThrow()).isAfter(sun.set().orElseThrow());
    }

    @Test
    void polarNightAndMidnightSunAreReportedAsSuch() {
        // Tromsø, 69.65 N: no sunrise from late November to mid January, no sunset from late May to late July.
        AstronomicalClock tromso = new AstronomicalClock(new GeoPosition(69.65, 18.96), ZoneId.of("Europe/Oslo"));

        SunCrossings winter = tromso.sun(LocalDate.of(2027, 12, 21));
        assertThat(winter.kind()).isEqualTo(SunCrossings.Kind.ALWAYS_BELOW);
        assertThat(winter.rise()).isEmpty();
        assertThat(winter.set()).isEmpty();
        // ...but there is still a civil dawn and dusk at noon's twilight.
        assertThat(tromso.civilTwilight(LocalDate.of(2027, 12, 21)).kind()).isEqualTo(SunCrossings.Kind.RISES_AND_SETS);

        SunCrossings summer = tromso.sun(LocalDate.of(2027, 6, 21));
        assertThat(summer.kind()).isEqualTo(SunCrossings.Kind.ALWAYS_ABOVE);
        assertThat(summer.rise()).isEmpty();
        assertThat(tromso.civilTwilight(LocalDate.of(2027, 6, 21)).kind()).isEqualTo(SunCrossings.Kind.ALWAYS_ABOVE);

        assertThat(tromso.sun(LocalDate.of(2027, 3, 21)).kind()).isEqualTo(SunCrossings.Kind.RISES_AND_SETS);
    }

    @Test
    void everyDayOfAYearNearThePolarCircleIsEitherACrossingOrPolar() {
        // Around the polar circle the crossing can vanish between transit and event: no exception, no garbage.
        AstronomicalClock clock = new AstronomicalClock(new GeoPosition(66.5, 25.7), ZoneId.of("Europe/Helsinki"));
        for (LocalDate date = LocalDate.of(2027, 1, 1); date.getYear() == 2027; date = date.plusDays(1)) {
            SunCrossings sun = clock.sun(date);
            if (sun.kind() == SunCrossings.Kind.RISES_AND_SETS) {
                assertThat(sun.rise().orElseThrow()).isBefore(sun.set().orElseThrow());
            } else {
                assertThat(sun.rise()).isEmpty();
            }
        }
    }

    @Test
    void rejectsCoordinatesOffTheGlobe() {
        assertThatThrownBy(() -> new GeoPosition(91, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latitude");
        assertThatThrownBy(() -> new GeoPosition(45, -181)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longitude");
        assertThatThrownBy(() -> new GeoPosition(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
