package fr.mutualis.gateway.autonomy.lighting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.autonomy.lighting.CircuitSchedule;
import fr.mutualis.gateway.autonomy.lighting.DateException;
import fr.mutualis.gateway.autonomy.lighting.LocalWindow;
import fr.mutualis.gateway.autonomy.sun.SunAltitude;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CircuitRuleParserTest {

    @Test
    void readsACompleteRule() {
        CircuitSchedule schedule = CircuitRuleParser.schedule("street-1", "civil-twilight", 10, -15, "23:00-05:00",
                new String[] {"2026-07-14 all-night", "2026-12-24  off", "2026-12-31 window 18:00-02:00", " "});
        assertThat(schedule.reference()).isEqualTo(SunAltitude.CIVIL_TWILIGHT);
        assertThat(schedule.onAfterSunset()).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.offAfterSunrise()).isEqualTo(Duration.ofMinutes(-15));
        assertThat(schedule.cutOff()).contains(LocalWindow.of("23:00", "05:00"));
        assertThat(schedule.exceptions()).containsValues(DateException.allNight(LocalDate.of(2026, 7, 14)),
                DateException.off(LocalDate.of(2026, 12, 24)),
                DateException.window(LocalDate.of(2026, 12, 31), LocalWindow.of("18:00", "02:00")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SUNSET | 23:00-05:00 | 2026-07-14 all-night | reference",
            "SUNRISE_SUNSET | 23h-5h | 2026-07-14 all-night | cutOff",
            "SUNRISE_SUNSET | 23:00-05:00 | 14/07/2026 all-night | YYYY-MM-DD",
            "SUNRISE_SUNSET | 23:00-05:00 | 2026-07-14 party | all-night",
            "SUNRISE_SUNSET | 23:00-05:00 | 2026-07-14 window | window HH:mm-HH:mm",
            "SUNRISE_SUNSET | 23:00-23:00 | 2026-07-14 off | cutOff"})
    void refusesWhatItCannotReadNamingTheProperty(String reference, String cutOff, String exception, String message) {
        assertThatThrownBy(() -> CircuitRuleParser.schedule("street-1", reference, 0, 0, cutOff,
                new String[] {exception})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesTwoExceptionsForOneNightAndOffsetsBeyondThreeHours() {
        assertThatThrownBy(() -> CircuitRuleParser.schedule("street-1", "SUNRISE_SUNSET", 0, 0, "",
                new String[] {"2026-07-14 off", "2026-07-14 all-night"})).hasMessageContaining("two exceptions");
        assertThatThrownBy(() -> CircuitRuleParser.schedule("street-1", "SUNRISE_SUNSET", 200, 0, "", new String[0]))
                .hasMessageContaining("onAfterSunset");
        assertThatThrownBy(() -> new CircuitRule("street-1", "", 48.1, -1.6, "Mars/Olympus", "SUNRISE_SUNSET", 0, 0, "",
                new String[0])).hasMessageContaining("time zone");
    }
}
