package fr.mutualis.gateway.autonomy.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class LocalWindowTest {

    @Test
    void aWindowAcrossMidnightContainsTheLateEveningAndTheEarlyMorning() {
        LocalWindow night = LocalWindow.of("23:00", "05:00");
        assertThat(night.crossesMidnight()).isTrue();
        assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(LocalTime.MIDNIGHT)).isTrue();
        assertThat(night.contains(LocalTime.of(4, 59, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(5, 0))).isFalse();
        assertThat(night.contains(LocalTime.of(22, 59, 59))).isFalse();
        assertThat(night.contains(LocalTime.NOON)).isFalse();
        assertThat(night.nominalLength()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aWindowWithinOneDayHasAnIncludedStartAndExcludedEnd() {
        LocalWindow early = LocalWindow.of("00:30", "04:30");
        assertThat(early.crossesMidnight()).isFalse();
        assertThat(early.contains(LocalTime.of(0, 30))).isTrue();
        assertThat(early.contains(LocalTime.of(4, 30))).isFalse();
        assertThat(early.contains(LocalTime.of(23, 30))).isFalse();
        assertThat(early.nominalLength()).isEqualTo(Duration.ofHours(4));
    }
}
