package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialMonitorTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private Optional<String> problem = Optional.of("the uplink is not connected to the fleet");
    private final TrialMonitor monitor = new TrialMonitor(() -> problem, Duration.ofSeconds(10), Duration.ofSeconds(30), clock);

    @Test
    void keptOnlyAfterAWholeHealthyWindow() {
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Pending.class);
        clock.advance(Duration.ofSeconds(5));
        problem = Optional.empty();
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Pending.class);
        clock.advance(Duration.ofSeconds(6));
        problem = Optional.of("component x failed activation");
        assertThat(monitor.tick()).as("a problem interrupts the window").isInstanceOf(TrialMonitor.Pending.class);
        problem = Optional.empty();
        clock.advance(Duration.ofSeconds(1));
        monitor.tick();
        clock.advance(Duration.ofSeconds(9));
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Pending.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Keep.class);
    }

    @Test
    void revertedWhenUnhealthyForTheContactTimeoutWithTheLatestProblem() {
        monitor.tick();
        clock.advance(Duration.ofSeconds(29));
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Pending.class);
        clock.advance(Duration.ofSeconds(1));
        TrialMonitor.Verdict verdict = monitor.tick();
        assertThat(verdict).isInstanceOf(TrialMonitor.Revert.class);
        assertThat(((TrialMonitor.Revert) verdict).reason())
                .isEqualTo("unhealthy for 30 s during the health check: the uplink is not connected to the fleet");
    }

    @Test
    void aHealthyMomentRestartsTheDeadMansCount() {
        monitor.tick();
        clock.advance(Duration.ofSeconds(25));
        problem = Optional.empty();
        monitor.tick();
        problem = Optional.of("the uplink is not connected to the fleet");
        clock.advance(Duration.ofSeconds(1));
        monitor.tick();
        clock.advance(Duration.ofSeconds(29));
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Pending.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.tick()).isInstanceOf(TrialMonitor.Revert.class);
    }
}
