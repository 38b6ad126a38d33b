package fr.mutualis.gateway.autonomy.lighting.local;

import fr.mutualis.gateway.autonomy.lighting.CircuitSchedule;
import fr.mutualis.gateway.autonomy.lighting.DateException;
import fr.mutualis.gateway.autonomy.lighting.LocalWindow;
import fr.mutualis.gateway.autonomy.sun.SunAltitude;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the text of a circuit's configuration (as typed in ConfigAdmin or sent by remote
 * configuration) into a {@link CircuitSchedule}. A lighting rule that is half understood would
 * switch a street at the wrong hour, so every doubt is an {@link IllegalArgumentException} that
 * names the property and the value.
 */
final class CircuitRuleParser {

    private CircuitRuleParser() {
    }

    static CircuitSchedule schedule(String circuit, String reference, int onAfterSunsetMinutes,
                                    int offAfterSunriseMinutes, String cutOff, String[] exceptions) {
        return CircuitSchedule.of(circuit, reference(reference), Duration.ofMinutes(onAfterSunsetMinutes),
                Duration.ofMinutes(offAfterSunriseMinutes), cutOff == null || cutOff.isBlank() ? null
                        : window("cutOff", cutOff), exceptions(exceptions));
    }

    static SunAltitude reference(String text) {
        try {
            return SunAltitude.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reference must be SUNRISE_SUNSET or CIVIL_TWILIGHT, got '" + text + "'");
        }
    }

    /** "HH:mm-HH:mm", e.g. "23:00-05:00". */
    static LocalWindow window(String property, String text) {
        String[] bounds = text.trim().split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException(property + " must be HH:mm-HH:mm, got '" + text + "'");
        }
        try {
            return new LocalWindow(LocalTime.parse(bounds[0].trim()), LocalTime.parse(bounds[1].trim()));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " must be HH:mm-HH:mm, got '" + text + "': " + e.getMessage());
        }
    }

    /** Each "YYYY-MM-DD all-night", "YYYY-MM-DD off" or "YYYY-MM-DD window HH:mm-HH:mm". */
    static List<DateException> exceptions(String[] entries) {
        List<DateException> out = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry.isBlank()) {
                continue;
            }
            String[] words = entry.trim().split("\\s+");
            LocalDate night;
            try {
                night = LocalDate.parse(words[0]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("exception '" + entry + "' must start with a date YYYY-MM-DD");
            }
            String mode = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
            if (mode.equals("all-night") && words.length == 2) {
                out.add(DateException.allNight(night));
            } else if (mode.equals("off") && words.length == 2) {
                out.add(DateException.off(night));
            } else if (mode.equals("window") && words.length == 3) {
                out.add(DateException.window(night, window("exception " + night, words[2])));
            } else {
                throw new IllegalArgumentException("exception '" + entry
                        + "' must be 'YYYY-MM-DD all-night', 'YYYY-MM-DD off' or 'YYYY-MM-DD window HH:mm-HH:mm'");
            }
        }
        return out;
    }
}
