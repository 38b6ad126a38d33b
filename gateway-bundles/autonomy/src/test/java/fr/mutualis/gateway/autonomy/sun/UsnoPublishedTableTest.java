package fr.mutualis.gateway.autonomy.sun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A published table: the U.S. Naval Observatory's "Rise and Set for the Sun for 2007" for Atlanta
 * (W084°25′, N33°46′, Eastern Standard Time), as USNO printed it, which Debian's python3-ephem ships
 * among its test data ({@code ephem/tests/usno/riset_sun.txt}). Every day of the year, rise and set,
 * must agree to the table's printed minute (±1 minute: the table rounds to the minute). The French
 * sites are checked against PyEphem in {@link AstronomicalClockOracleTest}; PyEphem in turn is
 * checked against this table by its own test suite.
 */
class UsnoPublishedTableTest {

    private static final Path TABLE = Path.of("/usr/lib/python3/dist-packages/ephem/tests/usno/riset_sun.txt");
    private static final GeoPosition ATLANTA = new GeoPosition(33 + 46 / 60.0, -(84 + 25 / 60.0));
    private static final ZoneId EASTERN_STANDARD = ZoneId.of("-05:00");
    private static final int YEAR = 2007;

    @Test
    void everyRiseAndSetOf2007InTheUsnoTableForAtlantaWithinTheTablesMinute() throws IOException {
        assertThat(TABLE).as("USNO table from Debian's python3-ephem (apt-get install python3-ephem)").exists();
        AstronomicalClock clock = new AstronomicalClock(ATLANTA, EASTERN_STANDARD);
        List<String> outside = new ArrayList<>();
        int compared = 0;
        long worstSeconds = 0;
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.matches("^\\d\\d  .*")) {
                continue;
            }
            int day = Integer.parseInt(line.substring(0, 2));
            for (int month = 1; month <= 12; month++) {
                int column = 4 + (month - 1) * 11;
                if (line.length() < column + 9 || line.substring(column, column + 9).isBlank()) {
                    continue; // no 30 February
                }
                LocalDate date = LocalDate.of(YEAR, month, day);
                SunCrossings sun = clock.sun(date);
                LocalTime publishedRise = hhmm(line.substring(column, column + 4));
                LocalTime publishedSet = hhmm(line.substring(column + 5, column + 9));
                for (var pair : List.of(new Object[] {"rise", publishedRise, sun.rise().orElseThrow()},
                        new Object[] {"set", publishedSet, sun.set().orElseThrow()})) {
                    ZonedDateTime ours = (ZonedDateTime) pair[2];
                    ZonedDateTime printed = ZonedDateTime.of(date, (LocalTime) pair[1], EASTERN_STANDARD);
                    long seconds = Math.abs(Duration.between(printed, ours).toSeconds());
                    // The table rounds to the nearest minute: the true time is within 30 s of the printed one.
                    if (seconds > 60) {
                        outside.add(date + " " + pair[0] + ": table " + pair[1] + ", ours " + ours.toLocalTime());
                    }
                    worstSeconds = Math.max(worstSeconds, seconds);
                    compared++;
                }
            }
        }
        System.out.println("[usno] compared " + compared + " published times, worst difference " + worstSeconds + " s");
        assertThat(compared).as("365 days, rise and set").isEqualTo(730);
        assertThat(outside).isEmpty();
    }

    private static LocalTime hhmm(String text) {
        return LocalTime.of(Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(2, 4)));
    }
}
