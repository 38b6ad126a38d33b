package fr.mutualis.gateway.autonomy.lighting;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A night that does not follow the circuit's usual rule: a holiday or an event (14 July,
 * New Year's Eve, a village fête), or a night to keep dark. It is keyed by the date of the
 * evening the night starts on: the exception for 14 July covers the night from 14 to 15 July.
 *
 * @param night  the date of the evening
 * @param mode   what happens that night
 * @param window for {@link Mode#WINDOW}, the wall-clock window that replaces the night's rule; null otherwise
 */
public record DateException(LocalDate night, Mode mode, LocalWindow window) {

    /** What an exception does to its night. */
    public enum Mode {
        /** On from sunset to sunrise (with the circuit's offsets), ignoring the cut-off. */
        ALL_NIGHT,
        /** Off the whole night. */
        OFF,
        /** On exactly within {@link #window()} (starting on the evening's date), off for the rest of that night. */
        WINDOW
    }

    public DateException {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.WINDOW) != (window != null)) {
            throw new IllegalArgumentException("a window is required for, and only for, mode WINDOW");
        }
    }

    public static DateException allNight(LocalDate night) {
        return new DateException(night, Mode.ALL_NIGHT, null);
    }

    public static DateException off(LocalDate night) {
        return new DateException(night, Mode.OFF, null);
    }

    public static DateException window(LocalDate night, LocalWindow window) {
        return new DateException(night, Mode.WINDOW, window);
    }
}
