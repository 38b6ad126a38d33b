package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import fr.mutualis.hardware.io.InputListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jDigitalInputsTest {

    private final Pi4jBoard board = new Pi4jBoard(BoardPlatform.MOCK);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        board.shutdown();
    }

    private Pi4jDigitalInputs inputs() {
        return new Pi4jDigitalInputs(TestSupport.config(Pi4jDigitalInputs.Config.class,
                Map.of("channels", new String[] {"door=5", "mains=6"})), board, TestSupport.logger(log));
    }

    private MockDigitalInput pin(String id) {
        return (MockDigitalInput) board.context().registry().get(id, DigitalInput.class);
    }

    @Test
    void aClosedContactToGroundIsActiveByDefault() {
        Pi4jDigitalInputs inputs = inputs();
        pin("in.door").mockState(DigitalState.LOW);
        assertThat(inputs.isActive("door")).isTrue();
        pin("in.door").mockState(DigitalState.HIGH);
        assertThat(inputs.isActive("door")).isFalse();
        assertThat(pin("in.door").address()).isEqualTo(5);
    }

    @Test
    void changesReachEveryListenerEvenWhenOneFails() {
        Pi4jDigitalInputs inputs = inputs();
        // The cabinet at rest: door closed (contact open), mains present (relay contact closed).
        pin("in.door").mockState(DigitalState.HIGH);
        pin("in.mains").mockState(DigitalState.LOW);
        inputs.addListener((channel, active) -> {
            throw new IllegalStateException("faulty listener");
        });
        InputListener recorder = (channel, active) -> heard.add(channel + "=" + active);
        inputs.addListener(recorder);

        pin("in.mains").mockState(DigitalState.HIGH); // mains lost: contact opens
        pin("in.door").mockState(DigitalState.LOW); // door opened: contact closes
        assertThat(heard).containsExactly("mains=false", "door=true");
        assertThat(log).anyMatch(line -> line.startsWith("ERROR Input listener"));

        inputs.removeListener(recorder);
        pin("in.door").mockState(DigitalState.HIGH);
        assertThat(heard).hasSize(2);
    }

    @Test
    void refusesAnUnknownChannelAndABadPull() {
        Pi4jDigitalInputs inputs = inputs();
        assertThatThrownBy(() -> inputs.isActive("window")).hasMessageContaining("window");
        inputs.deactivate();
        assertThatThrownBy(() -> new Pi4jDigitalInputs(TestSupport.config(Pi4jDigitalInputs.Config.class,
                Map.of("channels", new String[] {"door=5"}, "pull", "SIDEWAYS")), board, TestSupport.logger(log)))
                .hasMessageContaining("SIDEWAYS");
    }
}
