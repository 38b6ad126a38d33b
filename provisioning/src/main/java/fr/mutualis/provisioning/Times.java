package fr.mutualis.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Instants and durations as a technician reads them: local time of metropolitan France (the
 * fleet speaks UTC), in the user's language.
 */
public final class Times {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Times() {
    }

    /** "lundi 23 novembre 2026 à 20:00". */
    public static String full(Messages messages, Instant instant) {
        return instant == null ? "—"
                : DateTimeFormatter.ofPattern(messages.raw("time.full"), messages.locale()).withZone(PARIS).format(instant);
    }

    /** "23/11/2026 20:00", for tables. */
    public static String brief(Messages messages, Instant instant) {
        return instant == null ? "—"
                : DateTimeFormatter.ofPattern(messages.raw("time.brief"), messages.locale()).withZone(PARIS).format(instant);
    }

    /** "2 j 3 h", "24 h", "12 min", "45 s": the two largest units, rounded down. */
    public static String duration(Messages messages, Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return hours > 0 ? messages.get("duration.days.hours", days, hours) : messages.get("duration.days", days);
        }
        if (hours > 0) {
            return minutes > 0 ? messages.get("duration.hours.minutes", hours, minutes) : messages.get("duration.hours", hours);
        }
        if (minutes > 0) {
            return messages.get("duration.minutes", minutes);
        }
        return messages.get("duration.seconds", seconds);
    }
}
