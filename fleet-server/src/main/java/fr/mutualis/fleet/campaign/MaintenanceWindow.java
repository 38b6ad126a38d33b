package fr.mutualis.fleet.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * When orders may be published: on these weekdays, from {@code from} (inclusive) to {@code to}
 * (exclusive), in the fleet's local time (Europe/Paris by default). Local times, not UTC, because
 * what must be avoided is local — lighting switching on at dusk, a town hall's opening hours — and
 * they move with daylight saving time. A window whose {@code to} is not after {@code from} runs
 * past midnight into the next day and belongs to the day it starts on ({@code from == to}: 24 h).
 * A local time skipped by the spring change does not exist and so is in no window; the hour the
 * autumn change repeats is in the window both times.
 */
@Schema(description = "Weekdays and a local time range (fleet's zone, Europe/Paris) when orders may be published.")
public record MaintenanceWindow(
        @Schema(description = "Weekdays the window starts on, e.g. [\"MONDAY\", \"TUESDAY\"].") List<DayOfWeek> days,
        @Schema(description = "Local start time, HH:mm.", example = "01:00") String from,
        @Schema(description = "Local end time, HH:mm (exclusive; earlier than `from`: the next day).", example = "05:00")
        String to) {

    public MaintenanceWindow {
        if (days == null || days.isEmpty() || days.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("maintenanceWindows: each window names its weekdays (MONDAY..SUNDAY)");
        }
        days = List.copyOf(Set.copyOf(days)).stream().sorted().toList();
        parse(from, "from");
        parse(to, "to");
    }

    boolean contains(ZonedDateTime local) {
        LocalTime start = parse(from, "from");
        LocalTime end = parse(to, "to");
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        return days.contains(day) && !time.isBefore(start) || days.contains(day.minus(1)) && time.isBefore(end);
    }

    private static LocalTime parse(String text, String field) {
        if (text == null || !text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw new IllegalArgumentException("maintenanceWindows: " + field + " must be a local time HH:mm, got " + text);
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("maintenanceWindows: " + field + " must be a local time HH:mm, got " + text, e);
        }
    }
}
