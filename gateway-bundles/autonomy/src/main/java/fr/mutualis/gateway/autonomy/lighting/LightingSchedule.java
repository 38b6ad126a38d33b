package fr.mutualis.gateway.autonomy.lighting;

import fr.mutualis.gateway.autonomy.sun.AstronomicalClock;
import fr.mutualis.gateway.autonomy.sun.SunCrossings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether one lighting circuit should be on at an instant, from its {@link CircuitSchedule}
 * and the site's {@link AstronomicalClock}. Pure: the caller owns the clock and the output, so the
 * same code runs live, in a compressed-time test and in a "what would happen" preview.
 *
 * <p>With a trusted clock, in order of precedence:
 * <ol>
 * <li>inside a custom window of an exception (of this evening or of the previous one): on;</li>
 * <li>between the morning event (plus offset) and the evening event (plus offset): off, day;</li>
 * <li>in the night of an exception: on all night, off all night, or off outside its window;</li>
 * <li>inside the cut-off window (wall-clock time): off;</li>
 * <li>otherwise: on, night.</li>
 * </ol>
 * A day on which the sun does not rise is night from midnight to midnight; one on which it does
 * not set is day (neither happens in France; the rule exists so that no site is left undecided).
 *
 * <p><b>Uncertain clock: fail lit.</b> If the clock may be wrong by up to {@code e}, the night is
 * widened by {@code e} at both ends and the cut-off and "off" exceptions are ignored: a cut-off
 * applied at the wrong hour would darken streets while people are about, whereas lights on some
 * minutes too long only cost energy. If the clock is not set at all, the circuit is on.
 */
public final class LightingSchedule {

    private final AstronomicalClock sky;
    private final CircuitSchedule schedule;

    public LightingSchedule(AstronomicalClock sky, CircuitSchedule schedule) {
        this.sky = Objects.requireNonNull(sky, "sky");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public CircuitSchedule schedule() {
        return schedule;
    }

    public LightingDecision desiredState(Instant now, ClockQuality clock) {
        Objects.requireNonNull(now, "now");
        switch (clock.kind()) {
            case UNKNOWN:
                return LightingDecision.on(LightingDecision.Reason.CLOCK_UNKNOWN);
            case UNCERTAIN:
                return whenUncertain(now, clock.maxError());
            default:
                return whenTrusted(now);
        }
    }

    private LightingDecision whenTrusted(Instant now) {
        ZonedDateTime local = now.atZone(sky.zone());
        LocalDate today = local.toLocalDate();
        if (insideExceptionWindow(now, today.minusDays(1)) || insideExceptionWindow(now, today)) {
            return LightingDecision.on(LightingDecision.Reason.EXCEPTION_WINDOW);
        }
        SunCrossings sun = sky.crossings(today, schedule.reference());
        if (sun.kind() != SunCrossings.Kind.RISES_AND_SETS) {
            return polar(sun);
        }
        LocalDate night;
        if (now.isBefore(morningEnd(sun))) {
            night = today.minusDays(1);
        } else if (!now.isBefore(eveningStart(sun))) {
            night = today;
        } else {
            return LightingDecision.off(LightingDecision.Reason.DAY);
        }
        Optional<DateException> exception = schedule.exceptionFor(night);
        if (exception.isPresent()) {
            switch (exception.get().mode()) {
                case ALL_NIGHT:
                    return LightingDecision.on(LightingDecision.Reason.EXCEPTION_ALL_NIGHT);
                case OFF:
                    return LightingDecision.off(LightingDecision.Reason.EXCEPTION_OFF);
                default:
                    return LightingDecision.off(LightingDecision.Reason.EXCEPTION_OUTSIDE_WINDOW);
            }
        }
        if (schedule.cutOff().map(window -> window.contains(local.toLocalTime())).orElse(false)) {
            return LightingDecision.off(LightingDecision.Reason.CUT_OFF);
        }
        return LightingDecision.on(LightingDecision.Reason.NIGHT);
    }

    private LightingDecision whenUncertain(Instant now, Duration maxError) {
        // The true instant may be anywhere in [now - e, now + e]: on if any of it could be night.
        Instant earliest = now.minus(maxError);
        Instant latest = now.plus(maxError);
        for (LocalDate date = earliest.atZone(sky.zone()).toLocalDate();
             !date.isAfter(latest.atZone(sky.zone()).toLocalDate()); date = date.plusDays(1)) {
            if (couldBeLitOn(date, earliest, latest)) {
                return LightingDecision.on(LightingDecision.Reason.CLOCK_UNCERTAIN_NIGHT);
            }
        }
        return LightingDecision.off(LightingDecision.Reason.CLOCK_UNCERTAIN_DAY);
    }

    /** Whether the interval [earliest, latest] overlaps the dark part of {@code date} or one of its exception windows. */
    private boolean couldBeLitOn(LocalDate date, Instant earliest, Instant latest) {
        Optional<DateException> exception = schedule.exceptionFor(date);
        if (exception.isPresent() && exception.get().mode() == DateException.Mode.WINDOW) {
            Instant[] window = windowInstants(date, exception.get().window());
            if (earliest.isBefore(window[1]) && window[0].isBefore(latest)) {
                return true;
            }
        }
        SunCrossings sun = sky.crossings(date, schedule.reference());
        if (sun.kind() == SunCrossings.Kind.ALWAYS_BELOW) {
            return true;
        }
        if (sun.kind() == SunCrossings.Kind.ALWAYS_ABOVE) {
            return false;
        }
        // Dark before the morning event and after the evening event of that date.
        return earliest.isBefore(morningEnd(sun)) && !latest.isBefore(date.atStartOfDay(sky.zone()).toInstant())
                || !latest.isBefore(eveningStart(sun))
                        && earliest.isBefore(date.plusDays(1).atStartOfDay(sky.zone()).toInstant());
    }

    private LightingDecision polar(SunCrossings sun) {
        return sun.kind() == SunCrossings.Kind.ALWAYS_BELOW
                ? LightingDecision.on(LightingDecision.Reason.POLAR_NIGHT)
                : LightingDecision.off(LightingDecision.Reason.MIDNIGHT_SUN);
    }

    private boolean insideExceptionWindow(Instant now, LocalDate night) {
        return schedule.exceptionFor(night)
                .filter(exception -> exception.mode() == DateException.Mode.WINDOW)
                .map(exception -> {
                    Instant[] window = windowInstants(night, exception.window());
                    return !now.isBefore(window[0]) && now.isBefore(window[1]);
                })
                .orElse(false);
    }

    /** A wall-clock window starting on {@code date} as instants; a time skipped by summer time moves later. */
    private Instant[] windowInstants(LocalDate date, LocalWindow window) {
        Instant start = ZonedDateTime.of(date, window.start(), sky.zone()).toInstant();
        LocalDate endDate = window.crossesMidnight() ? date.plusDays(1) : date;
        Instant end = ZonedDateTime.of(endDate, window.end(), sky.zone()).toInstant();
        return new Instant[] {start, end};
    }

    private Instant morningEnd(SunCrossings sun) {
        return sun.rise().orElseThrow().toInstant().plus(schedule.offAfterSunrise());
    }

    private Instant eveningStart(SunCrossings sun) {
        return sun.set().orElseThrow().toInstant().plus(schedule.onAfterSunset());
    }
}
