package fr.mutualis.gateway.autonomy.lighting;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A window of wall-clock time, such as a night cut-off 23:00-05:00. The start is included and
 * the end excluded; a window whose end is not after its start runs across midnight. Being
 * wall-clock, it keeps its meaning across summer-time changes: 23:00-05:00 lasts five hours on
 * the March night and seven on the October night.
 */
public record LocalWindow(LocalTime start, LocalTime end) {

    public LocalWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a window needs a different start and end, got " + start + " twice");
        }
    }

    public static LocalWindow of(String start, String end) {
        return new LocalWindow(LocalTime.parse(start), LocalTime.parse(end));
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    public boolean contains(LocalTime time) {
        return crossesMidnight()
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
    }

    /** Its nominal length on a day without a summer-time change. */
    public Duration nominalLength() {
        Duration length = Duration.between(start, end);
        return crossesMidnight() ? length.plusDays(1) : length;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
