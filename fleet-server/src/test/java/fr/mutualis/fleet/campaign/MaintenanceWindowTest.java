package fr.mutualis.fleet.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static MaintenanceWindows windows(MaintenanceWindow... windows) {
        return new MaintenanceWindows(List.of(windows), PARIS);
    }

    @Test
    void noWindowMeansAlwaysOpen() {
        assertThat(new MaintenanceWindows(null, PARIS).isOpen(Instant.parse("2026-11-22T17:00:00Z"))).isTrue();
    }

    @Test
    void localTimesInWinterAreOneHourAheadOfUtc() {
        // Tuesday 2026-11-24, 01:00-05:00 in Paris (CET, UTC+1) = 00:00-04:00 UTC
        MaintenanceWindows nights = windows(new MaintenanceWindow(List.of(DayOfWeek.TUESDAY), "01:00", "05:00"));
        assertThat(nights.isOpen(Instant.parse("2026-11-23T23:59:59Z"))).isFalse();
        assertThat(nights.isOpen(Instant.parse("2026-11-24T00:00:00Z"))).isTrue();
        assertThat(nights.isOpen(Instant.parse("2026-11-24T03:59:59Z"))).isTrue();
        assertThat(nights.isOpen(Instant.parse("2026-11-24T04:00:00Z"))).as("end is exclusive").isFalse();
        assertThat(nights.isOpen(Instant.parse("2026-11-25T01:00:00Z"))).as("Wednesday").isFalse();
    }

    @Test
    void localTimesInSummerAreTwoHoursAhead() {
        // Tuesday 2026-06-16, 01:00-05:00 CEST (UTC+2) = Monday 23:00 - Tuesday 03:00 UTC
        MaintenanceWindows nights = windows(new MaintenanceWindow(List.of(DayOfWeek.TUESDAY), "01:00", "05:00"));
        assertThat(nights.isOpen(Instant.parse("2026-06-15T23:00:00Z"))).isTrue();
        assertThat(nights.isOpen(Instant.parse("2026-06-16T03:00:00Z"))).isFalse();
    }

    @Test
    void theSpringChangeSkipsAnHourThatIsInNoWindow() {
        // Sunday 2026-03-29: at 01:00 UTC Paris goes from 02:00 CET to 03:00 CEST
        MaintenanceWindows skipped = windows(new MaintenanceWindow(List.of(DayOfWeek.SUNDAY), "02:00", "03:00"));
        assertThat(skipped.isOpen(Instant.parse("2026-03-29T00:59:59Z"))).as("01:59:59 CET").isFalse();
        assertThat(skipped.isOpen(Instant.parse("2026-03-29T01:00:00Z"))).as("03:00 CEST").isFalse();
        MaintenanceWindows around = windows(new MaintenanceWindow(List.of(DayOfWeek.SUNDAY), "01:00", "04:00"));
        assertThat(around.isOpen(Instant.parse("2026-03-29T00:00:00Z"))).as("01:00 CET").isTrue();
        assertThat(around.isOpen(Instant.parse("2026-03-29T01:30:00Z"))).as("03:30 CEST").isTrue();
        assertThat(around.isOpen(Instant.parse("2026-03-29T02:00:00Z"))).as("04:00 CEST").isFalse();
    }

    @Test
    void theAutumnChangeRepeatsAnHourThatIsInTheWindowBothTimes() {
        // Sunday 2026-10-25: at 01:00 UTC Paris goes from 03:00 CEST back to 02:00 CET
        MaintenanceWindows repeated = windows(new MaintenanceWindow(List.of(DayOfWeek.SUNDAY), "02:00", "03:00"));
        assertThat(repeated.isOpen(Instant.parse("2026-10-24T23:59:59Z"))).as("01:59:59 CEST").isFalse();
        assertThat(repeated.isOpen(Instant.parse("2026-10-25T00:30:00Z"))).as("02:30 CEST").isTrue();
        assertThat(repeated.isOpen(Instant.parse("2026-10-25T01:30:00Z"))).as("02:30 CET").isTrue();
        assertThat(repeated.isOpen(Instant.parse("2026-10-25T02:00:00Z"))).as("03:00 CET").isFalse();
    }

    @Test
    void aWindowPastMidnightBelongsToTheDayItStartsOn() {
        // Friday 22:00 to Saturday 04:00 (Paris, winter)
        MaintenanceWindows weekend = windows(new MaintenanceWindow(List.of(DayOfWeek.FRIDAY), "22:00", "04:00"));
        assertThat(weekend.isOpen(Instant.parse("2026-11-27T20:59:00Z"))).as("Friday 21:59").isFalse();
        assertThat(weekend.isOpen(Instant.parse("2026-11-27T21:00:00Z"))).as("Friday 22:00").isTrue();
        assertThat(weekend.isOpen(Instant.parse("2026-11-28T02:59:00Z"))).as("Saturday 03:59").isTrue();
        assertThat(weekend.isOpen(Instant.parse("2026-11-28T03:00:00Z"))).as("Saturday 04:00").isFalse();
        assertThat(weekend.isOpen(Instant.parse("2026-11-28T21:30:00Z"))).as("Saturday 22:30").isFalse();
    }

    @Test
    void avoidsLightingSwitchOnWithTwoWindows() {
        // Every day except 16:30-19:30, when lighting switches on at dusk
        List<DayOfWeek> everyDay = List.of(DayOfWeek.values());
        MaintenanceWindows notAtDusk = windows(new MaintenanceWindow(everyDay, "00:00", "16:30"),
                new MaintenanceWindow(everyDay, "19:30", "00:00"));
        assertThat(notAtDusk.isOpen(Instant.parse("2026-11-24T15:29:00Z"))).as("16:29").isTrue();
        assertThat(notAtDusk.isOpen(Instant.parse("2026-11-24T16:00:00Z"))).as("17:00").isFalse();
        assertThat(notAtDusk.isOpen(Instant.parse("2026-11-24T18:30:00Z"))).as("19:30").isTrue();
        assertThat(notAtDusk.isOpen(Instant.parse("2026-11-24T22:59:00Z"))).as("23:59").isTrue();
    }

    @Test
    void refusesMalformedWindows() {
        assertThatThrownBy(() -> new MaintenanceWindow(List.of(), "01:00", "02:00")).hasMessageContaining("weekdays");
        assertThatThrownBy(() -> new MaintenanceWindow(List.of(DayOfWeek.MONDAY), "1:00", "02:00"))
                .hasMessageContaining("from must be a local time HH:mm");
        assertThatThrownBy(() -> new MaintenanceWindow(List.of(DayOfWeek.MONDAY), "01:00", "24:00"))
                .hasMessageContaining("to must be");
    }
}
