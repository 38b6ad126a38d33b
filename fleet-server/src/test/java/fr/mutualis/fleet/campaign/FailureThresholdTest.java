package fr.mutualis.fleet.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureThresholdTest {

    @Test
    void byDefaultTheFirstFailureHalts() {
        FailureThreshold none = new FailureThreshold(null, null);
        assertThat(none.exceeded(0, 10)).isFalse();
        assertThat(none.exceeded(1, 10)).isTrue();
        assertThat(FailureThreshold.STRICT.exceeded(1, 1000)).isTrue();
    }

    @Test
    void aCountToleratesUpToItself() {
        FailureThreshold two = new FailureThreshold(2, null);
        assertThat(two.exceeded(2, 10)).isFalse();
        assertThat(two.exceeded(3, 10)).isTrue();
    }

    @Test
    void aPercentageIsOfTheWavesSize() {
        FailureThreshold tenPercent = new FailureThreshold(null, 10);
        assertThat(tenPercent.exceeded(3, 30)).isFalse();
        assertThat(tenPercent.exceeded(4, 30)).isTrue();
        // a wave of 3: one failure is 33 %
        assertThat(tenPercent.exceeded(1, 3)).isTrue();
        assertThat(tenPercent.exceeded(0, 3)).isFalse();
    }

    @Test
    void withBothTheFirstExceededHalts() {
        FailureThreshold both = new FailureThreshold(5, 10);
        assertThat(both.exceeded(2, 10)).as("20 % > 10 %").isTrue();
        assertThat(both.exceeded(6, 1000)).as("6 > 5").isTrue();
        assertThat(both.exceeded(5, 1000)).isFalse();
    }

    @Test
    void refusesNegativeOrOutOfRangeBounds() {
        assertThatThrownBy(() -> new FailureThreshold(-1, null)).hasMessageContaining("maxFailed");
        assertThatThrownBy(() -> new FailureThreshold(null, 101)).hasMessageContaining("maxFailedPercent");
    }
}
