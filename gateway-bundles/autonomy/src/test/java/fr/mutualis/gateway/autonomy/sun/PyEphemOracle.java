package fr.mutualis.gateway.autonomy.sun;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/sun_oracle.py} with PyEphem (Debian's python3-ephem) over a year
 * and returns its crossings. Without a Python that can import ephem the test fails rather than
 * skips, so that CI cannot pass without the oracle having run.
 */
final class PyEphemOracle {

    /** One place's events on one date; a null instant is "the sun does not cross". */
    record Day(LocalDate date, Instant rise, Instant set, Instant dawn, Instant dusk) {
    }

    /** A named place given to the oracle. */
    record Place(String name, GeoPosition position) {
    }

    // Debian's interpreter first: a pyenv or venv python3 earlier on the PATH does not see apt's modules.
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");
    private static final long TIMEOUT_SECONDS = 300;

    private PyEphemOracle() {
    }

    static Map<String, List<Day>> year(int year, List<Place> places) throws IOException, InterruptedException {
        String python = pythonWithEphem();
        Path script = Path.of("src", "test", "python", "sun_oracle.py").toAbsolutePath();
        Path out = Files.createDirectories(Path.of("target", "sun-oracle")).resolve("oracle-" + year + ".txt");
        Path err = out.resolveSibling(out.getFileName() + ".stderr");
        List<String> command = new ArrayList<>(List.of(python, script.toString(), Integer.toString(year)));
        for (Place place : places) {
            command.add(place.name() + ":" + place.position().latitude() + ":" + place.position().longitude());
        }
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the PyEphem oracle did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail("the PyEphem oracle exited with " + process.exitValue() + ": " + Files.readString(err));
        }
        Map<String, List<Day>> days = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            if (f.length != 6) {
                fail("unexpected oracle line: " + line);
            }
            days.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Day(LocalDate.parse(f[1]),
                    instant(f[2]), instant(f[3]), instant(f[4]), instant(f[5])));
        }
        return days;
    }

    private static Instant instant(String field) {
        return field.equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(field));
    }

    private static String pythonWithEphem() throws InterruptedException {
        for (String python : PYTHONS) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import ephem").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
                probe.destroyForcibly();
            } catch (IOException notThere) {
                // try the next interpreter
            }
        }
        return fail("no Python with PyEphem among " + PYTHONS + ": the sunrise/sunset oracle needs Debian's"
                + " python3-ephem (apt-get install python3-ephem); it fails rather than skips so that CI cannot"
                + " pass without the oracle");
    }
}
