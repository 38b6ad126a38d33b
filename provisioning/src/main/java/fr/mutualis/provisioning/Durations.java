package fr.mutualis.provisioning;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** ISO-8601 durations typed by a user ({@code PT24H}, {@code P3D}, {@code pt2m}); null when it is not one. */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
