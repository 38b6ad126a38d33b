package fr.mutualis.hardware.io.status;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.hardware.io.StatusPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BlinkPatternTest {

    @Test
    void everyStatusHasItsOwnRhythm() {
        List<List<Duration>> rhythms = Arrays.stream(StatusPattern.values())
                .map(status -> BlinkPattern.of(status).segments()).collect(Collectors.toList());
        assertThat(rhythms).doesNotHaveDuplicates();
        // Distinct by the number of flashes per cycle or their length, not only by speed:
        // BOOTING and OFFLINE_BUFFERING are both even blinks, but 10x apart.
        assertThat(flashes(StatusPattern.ENROLLED)).isEqualTo(2);
        assertThat(flashes(StatusPattern.ERROR)).isEqualTo(3);
        assertThat(flashes(StatusPattern.ONLINE)).isEqualTo(1);
        assertThat(BlinkPattern.of(StatusPattern.ONLINE).segments().get(0))
                .isGreaterThan(BlinkPattern.of(StatusPattern.ONLINE).segments().get(1).multipliedBy(10));
    }

    @Test
    void theSequencerAlternatesLitAndDarkAndRepeats() {
        BlinkSequencer sequencer = new BlinkSequencer(BlinkPattern.of(StatusPattern.ENROLLED));
        List<BlinkSequencer.Step> steps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            steps.add(sequencer.next());
        }
        assertThat(steps).extracting(BlinkSequencer.Step::lit)
                .containsExactly(true, false, true, false, true, false, true, false);
        assertThat(steps.subList(0, 4)).isEqualTo(steps.subList(4, 8));
        assertThat(steps.get(3).hold()).isEqualTo(Duration.ofMillis(1_050));
    }

    private static int flashes(StatusPattern status) {
        return BlinkPattern.of(status).segments().size() / 2;
    }
}
