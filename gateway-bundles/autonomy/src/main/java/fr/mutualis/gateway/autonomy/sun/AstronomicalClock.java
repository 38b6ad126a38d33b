package fr.mutualis.gateway.autonomy.sun;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Sunrise, sunset and civil twilight for one site, computed on the gateway from its coordinates
 * so that the lighting keeps to the sky through a backhaul cut. Results are in the site's time
 * zone (Europe/Paris for a French commune), so they follow the summer-time changes.
 *
 * <p>The events of a date are those around the sun's transit closest to that date's local noon:
 * for France, the same calendar date. Each event is found by iterating "the hour angle at which
 * the sun's declination at the candidate time puts it at the altitude" until it moves by less
 * than a second, which converges in two or three steps.
 */
public final class AstronomicalClock {

    private static final int MAX_ITERATIONS = 8;
    private static final double CONVERGED_SECONDS = 0.5;
    private static final long SECONDS_PER_DEGREE_OF_HOUR_ANGLE = 240; // 24 h / 360 degrees

    private final GeoPosition place;
    private final ZoneId zone;

    public AstronomicalClock(GeoPosition place, ZoneId zone) {
        this.place = Objects.requireNonNull(place, "place");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public GeoPosition place() {
        return place;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Sunrise and sunset (upper limb, standard refraction) on {@code date}. */
    public SunCrossings sun(LocalDate date) {
        return crossings(date, SunAltitude.SUNRISE_SUNSET);
    }

    /** Civil dawn and dusk (centre 6 degrees below the horizon) on {@code date}. */
    public SunCrossings civilTwilight(LocalDate date) {
        return crossings(date, SunAltitude.CIVIL_TWILIGHT);
    }

    /** When the sun crosses {@code altitude} on {@code date} in the site's zone. */
    public SunCrossings crossings(LocalDate date, SunAltitude altitude) {
        Instant localNoon = ZonedDateTime.of(date, LocalTime.NOON, zone).toInstant();
        Instant transit = transitNear(localNoon, SolarPosition.at(localNoon));
        transit = transitNear(transit, SolarPosition.at(transit));

        double cosAtTransit = SolarPosition.at(transit).cosHourAngle(place.latitude(), altitude.degrees());
        if (cosAtTransit > 1) {
            return SunCrossings.polar(date, altitude, SunCrossings.Kind.ALWAYS_BELOW);
        }
        if (cosAtTransit < -1) {
            return SunCrossings.polar(date, altitude, SunCrossings.Kind.ALWAYS_ABOVE);
        }
        Instant rise = crossing(transit, altitude, -1);
        Instant set = crossing(transit, altitude, +1);
        if (rise == null || set == null) {
            // The declination changed enough between transit and the event to lose the crossing:
            // only a day or two a year, within a degree of the polar circles.
            return SunCrossings.polar(date, altitude,
                    cosAtTransit > 0 ? SunCrossings.Kind.ALWAYS_BELOW : SunCrossings.Kind.ALWAYS_ABOVE);
        }
        return SunCrossings.of(date, altitude, rise.atZone(zone), set.atZone(zone));
    }

    /** The transit (true solar noon) within 12 hours of {@code near}, with the equation of time of {@code sun}. */
    private Instant transitNear(Instant near, SolarPosition sun) {
        Instant utcMidnight = near.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        double minutes = 720 - 4 * place.longitude() - sun.equationOfTimeMinutes();
        Instant transit = utcMidnight.plusNanos(Math.round(minutes * 60e9));
        Duration offset = Duration.between(near, transit);
        if (offset.compareTo(Duration.ofHours(12)) > 0) {
            transit = transit.minus(Duration.ofDays(1));
        } else if (offset.compareTo(Duration.ofHours(-12)) < 0) {
            transit = transit.plus(Duration.ofDays(1));
        }
        return transit;
    }

    /** The rising ({@code side} -1) or setting (+1) next to {@code transit}; null if the sun no longer crosses there. */
    private Instant crossing(Instant transit, SunAltitude altitude, int side) {
        Instant candidate = transit;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            SolarPosition sun = SolarPosition.at(candidate);
            double cos = sun.cosHourAngle(place.latitude(), altitude.degrees());
            if (cos < -1 || cos > 1) {
                return null;
            }
            double hourAngleDegrees = Math.toDegrees(Math.acos(cos));
            // The transit moves with the equation of time at the candidate instant, not at noon.
            Instant transitThen = transitNear(transit, sun);
            Instant next = transitThen.plusNanos(Math.round(side * hourAngleDegrees * SECONDS_PER_DEGREE_OF_HOUR_ANGLE * 1e9));
            double moved = Math.abs(Duration.between(candidate, next).toNanos()) / 1e9;
            candidate = next;
            if (moved < CONVERGED_SECONDS) {
                break;
            }
        }
        return candidate;
    }
}
