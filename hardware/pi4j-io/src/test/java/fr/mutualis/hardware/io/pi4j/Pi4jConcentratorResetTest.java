package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jConcentratorResetTest {

    private final Pi4jBoard board = new Pi4jBoard(BoardPlatform.MOCK);

    @AfterEach
    void shutdown() {
        board.shutdown();
    }

    @Test
    void aResetIsOnePulseOnTheLineThenTheLineIsReleased() {
        Pi4jConcentratorReset reset = new Pi4jConcentratorReset(TestSupport.config(Pi4jConcentratorReset.Config.class,
                Map.of("pin", 17, "activeLow", true, "pulseMillis", 20)), board);
        try {
            DigitalOutput line = board.context().registry().get("concentrator.reset", DigitalOutput.class);
            List<DigitalState> seen = new CopyOnWriteArrayList<>();
            line.addListener(event -> seen.add(event.state()));
            assertThat(reset.holding()).as("released at start").isFalse();
            assertThat(line.state()).as("active low: released is high").isEqualTo(DigitalState.HIGH);

            reset.reset();

            assertThat(seen).containsExactly(DigitalState.LOW, DigitalState.HIGH);
            assertThat(reset.holding()).isFalse();
            assertThat(reset.resets()).isEqualTo(1);
        } finally {
            reset.deactivate();
        }
        assertThat(board.context().registry().exists("concentrator.reset")).isFalse();
    }

    @Test
    void refusesAPinOrAPulseOutOfRange() {
        assertThatThrownBy(() -> new Pi4jConcentratorReset(TestSupport.config(Pi4jConcentratorReset.Config.class,
                Map.of("pin", 40)), board)).hasMessageContaining("BCM 0-27");
        assertThatThrownBy(() -> new Pi4jConcentratorReset(TestSupport.config(Pi4jConcentratorReset.Config.class,
                Map.of("pin", 17, "pulseMillis", 0)), board)).hasMessageContaining("1-5000 ms");
    }
}
