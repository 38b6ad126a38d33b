package fr.mutualis.gateway.autonomy.concentrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConcentratorSupervisionTest {

    private static final long SECOND = 1_000_000_000L;
    private final SilenceWatch watch = new SilenceWatch(Duration.ofSeconds(300), 3, Duration.ofSeconds(3600));

    @Test
    void aTalkingForwarderIsLeftAloneAndASilentOneIsResetAfterTheSilence() {
        assertThat(watch.shouldReset(10, 0)).isFalse();
        assertThat(watch.shouldReset(14, 10 * SECOND)).as("keep-alives keep coming").isFalse();
        assertThat(watch.shouldReset(14, 300 * SECOND)).as("silent 290 s").isFalse();
        assertThat(watch.shouldReset(14, 310 * SECOND)).as("silent 300 s").isTrue();
        assertThat(watch.silentFor(310 * SECOND)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aForwarderNeverHeardSinceStartIsNeverReset() {
        assertThat(watch.shouldReset(0, 0)).isFalse();
        assertThat(watch.shouldReset(0, 3600 * SECOND)).isFalse();
    }

    @Test
    void afterAResetTheForwarderGetsTheSameTimeAndAfterThreeFailedResetsAnHour() {
        watch.shouldReset(4, 0);
        watch.shouldReset(5, 0);
        long now = 300 * SECOND;
        for (int reset = 1; reset <= 3; reset++) {
            assertThat(watch.shouldReset(5, now)).as("reset %d due", reset).isTrue();
            watch.resetDone(now);
            assertThat(watch.shouldReset(5, now + 299 * SECOND)).as("not before the forwarder had its time").isFalse();
            now += 300 * SECOND;
        }
        assertThat(watch.resetsInARow()).isEqualTo(3);
        assertThat(watch.shouldReset(5, now)).as("three quick resets failed: wait an hour").isFalse();
        assertThat(watch.shouldReset(5, now - 300 * SECOND + 3600 * SECOND)).isTrue();
    }

    @Test
    void aForwarderThatTalksAgainStartsAFreshCount() {
        watch.shouldReset(4, 0);
        watch.shouldReset(5, 0);
        watch.resetDone(300 * SECOND);
        assertThat(watch.shouldReset(6, 320 * SECOND)).isFalse();
        assertThat(watch.resetsInARow()).isZero();
    }
}
