package fr.mutualis.gateway.autonomy.time.local;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd-timesyncd's marker file as a time source. */
class SystemTimeSynchronisationTest {

    @TempDir
    Path dir;

    private final AssessedGatewayClock clock = new AssessedGatewayClock(Clock.systemUTC(), new ClockAssessor(
            Clock.systemUTC(), System::nanoTime, 20, Duration.ofSeconds(60), Duration.ofMinutes(15),
            Instant.parse("2026-01-01T00:00:00Z")));

    private SystemTimeSynchronisation watching(Path marker) {
        return SystemTimeSynchronisation.checkedByHand(new SystemTimeSynchronisation.Config() {
            public String markerFile() {
                return marker.toString();
            }

            public int errorMillis() {
                return 100;
            }

            public int checkSeconds() {
                return 3600;
            }

            public double driftPpm() {
                return 20;
            }

            public Class<? extends Annotation> annotationType() {
                return SystemTimeSynchronisation.Config.class;
            }
        }, clock);
    }

    @Test
    void aSynchronisationCountsWithTheDriftSinceItAndIsToldOnce() throws Exception {
        Path marker = dir.resolve("synchronized");
        SystemTimeSynchronisation ntp = watching(marker);
        try {
            assertThat(ntp.check()).as("no marker: no NTP client, or never synchronised").isFalse();
            assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.UNCERTAIN);

            // Synchronised 60 days ago, before the backhaul went down: 20 ppm over 60 days is 104 s.
            Files.createFile(marker);
            Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minus(Duration.ofDays(60))));
            assertThat(ntp.check()).isTrue();
            assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.UNCERTAIN);

            // Three days ago: at most 5 s off, good enough for the lighting.
            Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
            assertThat(ntp.check()).isTrue();
            assertThat(clock.quality().kind()).isEqualTo(ClockQuality.Kind.TRUSTED);
            assertThat(ntp.check()).as("the same synchronisation is told once").isFalse();
        } finally {
            ntp.stop();
        }
    }
}
