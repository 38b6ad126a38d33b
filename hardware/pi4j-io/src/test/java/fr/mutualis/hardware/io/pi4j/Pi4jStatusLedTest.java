package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.hardware.io.StatusPattern;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jStatusLedTest {

    private final Pi4jBoard board = new Pi4jBoard(BoardPlatform.MOCK);

    @AfterEach
    void shutdown() {
        board.shutdown();
    }

    @Test
    void blinksWhileBootingAndFollowsTheNextPattern() throws Exception {
        Pi4jStatusLed led = new Pi4jStatusLed(TestSupport.config(Pi4jStatusLed.Config.class, Map.of("pin", 26)), board);
        try {
            assertThat(led.showing()).isEqualTo(StatusPattern.BOOTING);
            // The LED goes both ways on its own: it is blinking, not stuck.
            await().atMost(Duration.ofSeconds(10)).until(led::lit);
            await().atMost(Duration.ofSeconds(10)).until(() -> !led.lit());

            led.show(StatusPattern.OFFLINE_BUFFERING);
            assertThat(led.showing()).isEqualTo(StatusPattern.OFFLINE_BUFFERING);
            await().atMost(Duration.ofSeconds(10)).until(led::lit);
        } finally {
            led.deactivate();
        }
        assertThat(led.lit()).as("dark once stopped").isFalse();
        assertThat(board.context().registry().exists("led.status")).isFalse();
    }
}
