package fr.mutualis.fleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandlingDelayTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration RECENT = Duration.ofSeconds(10);

    @Test
    void isZeroWhenNothingWasHandledRecently() {
        HandlingDelay delay = new HandlingDelay();
        assertThat(delay.estimate(NOW, RECENT)).isZero();
        delay.record(NOW.minusSeconds(65), NOW.minusSeconds(60));
        assertThat(delay.estimate(NOW, RECENT)).as("handled a minute ago: no backlog now").isZero();
    }

    @Test
    void isTheMedianSoThatAFewWrongClocksDoNotMoveIt() {
        HandlingDelay delay = new HandlingDelay();
        for (int i = 0; i < 20; i++) {
            delay.record(NOW.minusMillis(4_000 + i * 10L), NOW);
        }
        delay.record(NOW.minus(Duration.ofDays(365 * 50)), NOW); // a gateway that booted in 1976
        delay.record(NOW.plusSeconds(3_600), NOW); // one an hour ahead
        assertThat(delay.estimate(NOW, RECENT)).isBetween(Duration.ofMillis(4_000), Duration.ofMillis(4_200));
    }

    @Test
    void forgetsTheOldestSamplesAndNeverGoesNegative() {
        HandlingDelay delay = new HandlingDelay();
        for (int i = 0; i < 100; i++) {
            delay.record(NOW.minusSeconds(8), NOW);
        }
        for (int i = 0; i < 63; i++) {
            delay.record(NOW.plusSeconds(2), NOW);
        }
        assertThat(delay.estimate(NOW, RECENT)).isZero();
    }
}
