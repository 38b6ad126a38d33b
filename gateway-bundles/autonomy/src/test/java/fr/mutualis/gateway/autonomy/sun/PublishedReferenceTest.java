package fr.mutualis.gateway.autonomy.sun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Values printed in published sources, independent of the PyEphem oracle. Web "sunrise tables"
 * were considered and rejected as references: the one found (whattime.city, Paris, first of each
 * month, year not stated) has its August-December sunsets 2-3 minutes later than both PyEphem and
 * this clock, i.e. it is less accurate than what it would check.
 */
class PublishedReferenceTest {

    @Test
    void solarCoordinatesMatchMeeusWorkedExamples() {
        // Meeus, "Astronomical Algorithms" 2nd ed., example 25.a (1992 October 13.0 TD, low-accuracy
        // method): apparent declination -7.78507 degrees; example 28.b: equation of time +13m 42.7s.
        // The examples are in dynamical time; UT differs by ~59 s in 1992, i.e. < 0.0003 degree here.
        SolarPosition sun = SolarPosition.at(Instant.parse("1992-10-13T00:00:00Z"));
        assertThat(sun.declinationDegrees()).isCloseTo(-7.78507, within(0.001));
        assertThat(sun.equationOfTimeMinutes()).isCloseTo(13 + 42.7 / 60, within(0.05));
    }

}
