package fr.mutualis.gateway.autonomy.lighting;

import fr.mutualis.gateway.autonomy.sun.SunAltitude;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lighting rule of one circuit, as it arrives by remote configuration: on from the evening's
 * sun event plus {@code onAfterSunset} until the morning's sun event plus {@code offAfterSunrise}
 * (negative offsets are "before"), dark during an optional wall-clock cut-off, and special nights.
 *
 * @param circuit         the circuit's name in the pin map (e.g. "street-1")
 * @param reference       which sun event bounds the night: sunrise/sunset or civil dawn/dusk
 * @param onAfterSunset   delay from the evening event to switching on
 * @param offAfterSunrise delay from the morning event to switching off
 * @param cutOff          wall-clock window with the lights off in the middle of the night, if any
 * @param exceptions      special nights by the date of their evening
 */
public record CircuitSchedule(String circuit, SunAltitude reference, Duration onAfterSunset, Duration offAfterSunrise,
                              Optional<LocalWindow> cutOff, Map<LocalDate, DateException> exceptions) {

    /** Beyond this the offsets would make the evening overlap the morning in a French summer. */
    public static final Duration MAX_OFFSET = Duration.ofHours(3);

    public CircuitSchedule {
        Objects.requireNonNull(circuit, "circuit");
        if (circuit.isBlank()) {
            throw new IllegalArgumentException("the circuit needs a name");
        }
        Objects.requireNonNull(reference, "reference");
        requireOffset("onAfterSunset", onAfterSunset);
        requireOffset("offAfterSunrise", offAfterSunrise);
        Objects.requireNonNull(cutOff, "cutOff");
        exceptions.forEach((date, exception) -> {
            if (!date.equals(exception.night())) {
                throw new IllegalArgumentException("exception for " + exception.night() + " filed under " + date);
            }
        });
        exceptions = Map.copyOf(exceptions);
    }

    /** A schedule from a list of exceptions; two for the same night are a configuration error. */
    public static CircuitSchedule of(String circuit, SunAltitude reference, Duration onAfterSunset,
                                     Duration offAfterSunrise, LocalWindow cutOff, Collection<DateException> exceptions) {
        Map<LocalDate, DateException> byNight = exceptions.stream().collect(Collectors.toMap(DateException::night,
                Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("two exceptions for the night of " + a.night());
                }));
        return new CircuitSchedule(circuit, reference, onAfterSunset, offAfterSunrise, Optional.ofNullable(cutOff),
                byNight);
    }

    Optional<DateException> exceptionFor(LocalDate night) {
        return Optional.ofNullable(exceptions.get(night));
    }

    private static void requireOffset(String name, Duration offset) {
        Objects.requireNonNull(offset, name);
        if (offset.abs().compareTo(MAX_OFFSET) > 0) {
            throw new IllegalArgumentException(name + " must be within +/-" + MAX_OFFSET + ", got " + offset);
        }
    }
}
