package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import fr.mutualis.hardware.io.UnknownChannelException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against Pi4J's mock platform: the pin levels are what a relay board would see. */
class Pi4jDigitalOutputsTest {

    private final Pi4jBoard board = new Pi4jBoard(BoardPlatform.MOCK);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        board.shutdown();
    }

    private Pi4jDigitalOutputs outputs(boolean activeLow, boolean activeAtStart) {
        return new Pi4jDigitalOutputs(TestSupport.config(Pi4jDigitalOutputs.Config.class, Map.of(
                "channels", new String[] {"street-1=17", "street-2=27"},
                "activeLow", activeLow, "activeAtStart", activeAtStart)), board, TestSupport.logger(log));
    }

    private DigitalState pin(String id) {
        DigitalOutput output = boardContextOutput(id);
        return output.state();
    }

    private DigitalOutput boardContextOutput(String id) {
        return board.context().registry().get(id, DigitalOutput.class);
    }

    @Test
    void drivesThePinsOfTheMappedChannels() {
        Pi4jDigitalOutputs outputs = outputs(false, false);
        assertThat(outputs.channels()).containsExactly("street-1", "street-2");
        assertThat(pin("out.street-1")).isEqualTo(DigitalState.LOW);

        outputs.set("street-1", true);
        assertThat(pin("out.street-1")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("out.street-2")).isEqualTo(DigitalState.LOW);
        assertThat(outputs.isActive("street-1")).isTrue();
        assertThat(boardContextOutput("out.street-1").address()).isEqualTo(17);

        outputs.set("street-1", false);
        assertThat(pin("out.street-1")).isEqualTo(DigitalState.LOW);
        assertThat(log).contains("INFO Output street-1 on", "INFO Output street-1 off");
    }

    @Test
    void activeLowBoardsAreDrivenInverted() {
        Pi4jDigitalOutputs outputs = outputs(true, true);
        // Lit at start (fail lit), which on an active-low board is a low pin.
        assertThat(pin("out.street-1")).isEqualTo(DigitalState.LOW);
        assertThat(outputs.isActive("street-1")).isTrue();
        outputs.set("street-1", false);
        assertThat(pin("out.street-1")).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void anUnchangedStateIsNotLoggedAsAnAction() {
        Pi4jDigitalOutputs outputs = outputs(false, false);
        outputs.set("street-2", false);
        assertThat(log).noneMatch(line -> line.startsWith("INFO Output street-2"));
    }

    @Test
    void anUnknownChannelIsAClearError() {
        Pi4jDigitalOutputs outputs = outputs(false, false);
        assertThatThrownBy(() -> outputs.set("street-9", true)).isInstanceOf(UnknownChannelException.class)
                .hasMessageContaining("street-9").hasMessageContaining("street-1");
    }

    @Test
    void releasesItsPinsOnDeactivationSoThatANewConfigurationCanTakeThem() {
        outputs(false, false).deactivate();
        assertThat(board.context().registry().exists("out.street-1")).isFalse();
        Pi4jDigitalOutputs again = outputs(false, true);
        assertThat(again.isActive("street-1")).isTrue();
    }
}
