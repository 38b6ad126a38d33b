package fr.mutualis.gateway.autonomy.sun;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When the sun crosses one altitude on one local day: a rising and a setting, or neither because
 * it stays above (midnight sun) or below (polar night, or no civil dusk in a Nordic summer).
 * The polar cases are explicit so that a schedule has to decide what they mean.
 */
public final class SunCrossings {

    /** Whether the sun crosses the altitude on that day. */
    public enum Kind {
        RISES_AND_SETS,
        /** Above the altitude all day: there is no night by this definition. */
        ALWAYS_ABOVE,
        /** Below the altitude all day: it is night by this definition all day. */
        ALWAYS_BELOW
    }

    private final LocalDate date;
    private final SunAltitude altitude;
    private final Kind kind;
    private final ZonedDateTime rise;
    private final ZonedDateTime set;

    private SunCrossings(LocalDate date, SunAltitude altitude, Kind kind, ZonedDateTime rise, ZonedDateTime set) {
        this.date = Objects.requireNonNull(date, "date");
        this.altitude = Objects.requireNonNull(altitude, "altitude");
        this.kind = kind;
        this.rise = rise;
        this.set = set;
    }

    static SunCrossings of(LocalDate date, SunAltitude altitude, ZonedDateTime rise, ZonedDateTime set) {
        if (!rise.isBefore(set)) {
            throw new IllegalArgumentException("rise " + rise + " is not before set " + set);
        }
        return new SunCrossings(date, altitude, Kind.RISES_AND_SETS, rise, set);
    }

    static SunCrossings polar(LocalDate date, SunAltitude altitude, Kind kind) {
        if (kind == Kind.RISES_AND_SETS) {
            throw new IllegalArgumentException("a polar day has no crossings");
        }
        return new SunCrossings(date, altitude, kind, null, null);
    }

    public LocalDate date() {
        return date;
    }

    public SunAltitude altitude() {
        return altitude;
    }

    public Kind kind() {
        return kind;
    }

    /** The morning crossing (sunrise, civil dawn), empty on a polar day. */
    public Optional<ZonedDateTime> rise() {
        return Optional.ofNullable(rise);
    }

    /** The evening crossing (sunset, civil dusk), empty on a polar day. */
    public Optional<ZonedDateTime> set() {
        return Optional.ofNullable(set);
    }

    @Override
    public String toString() {
        return kind == Kind.RISES_AND_SETS
                ? date + " " + altitude + " rise " + rise.toLocalTime() + " set " + set.toLocalTime()
                : date + " " + altitude + " " + kind;
    }
}
