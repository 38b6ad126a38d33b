package fr.mutualis.gateway.autonomy.lighting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.autonomy.ControllableClock;
import fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import fr.mutualis.gateway.autonomy.lighting.LightingDecision;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import fr.mutualis.gateway.autonomy.time.local.AssessedGatewayClock;
import fr.mutualis.hardware.io.DigitalOutputs;
import fr.mutualis.hardware.io.pi4j.MockBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightingControllerTest {

    /** Noon in Rennes in June: the schedule says off. */
    private static final Instant NOON = Instant.parse("2026-06-15T10:00:00Z");

    @TempDir
    Path data;

    private final MockBoard board = new MockBoard();
    private final ControllableClock time = new ControllableClock(NOON);
    private AssessedGatewayClock clock;
    private DigitalOutputs outputs;
    private JsonLinesActionLog actions;

    @BeforeEach
    void wire() throws Exception {
        ClockAssessor assessor = new ClockAssessor(time, () -> 0L, 20, Duration.ofSeconds(60), Duration.ofMinutes(15),
                Instant.parse("2026-01-01T00:00:00Z"));
        clock = new AssessedGatewayClock(time, assessor);
        clock.synchronised(Duration.ZERO);
        outputs = board.outputs(false, false, "street-1=17");
        actions = new JsonLinesActionLog(data.resolve("actions.jsonl"));
    }

    @AfterEach
    void shutdown() throws Exception {
        actions.close();
        board.close();
    }

    private LightingController controller() {
        LightingController controller = new LightingController(data.resolve("overrides.tsv"), outputs, clock, actions,
                MockBoard.silentLogger());
        controller.addCircuit(new CircuitRule("street-1", "", 48.111, -1.680, "Europe/Paris", "SUNRISE_SUNSET", 0, 0,
                "23:00-05:00", new String[0]));
        return controller;
    }

    @Test
    void anOverrideAppliesAtOnceSurvivesARestartAndExpires() throws Exception {
        LightingController controller = controller();
        assertThat(controller.evaluateNow()).singleElement().extracting(CircuitStatus::applied)
                .isEqualTo(OutputState.OFF);

        CircuitStatus forced = controller.override("street-1", OutputState.ON, Duration.ofHours(2), "console");
        assertThat(forced.applied()).isEqualTo(OutputState.ON);
        assertThat(forced.scheduled().reason()).isEqualTo(LightingDecision.Reason.DAY);
        assertThat(board.pinHigh("street-1")).isTrue();

        // The agent restarts an hour later: the override is still in force.
        time.advance(Duration.ofHours(1));
        LightingController restarted = controller();
        assertThat(restarted.evaluateNow()).singleElement().satisfies(status -> {
            assertThat(status.override()).isPresent();
            assertThat(status.applied()).isEqualTo(OutputState.ON);
        });
        assertThat(board.pinHigh("street-1")).isTrue();

        // Past its expiry the schedule takes over again, and the file no longer holds it.
        time.advance(Duration.ofHours(1));
        assertThat(restarted.evaluateNow()).singleElement().satisfies(status -> {
            assertThat(status.override()).isEmpty();
            assertThat(status.applied()).isEqualTo(OutputState.OFF);
        });
        assertThat(board.pinHigh("street-1")).isFalse();
        assertThat(Files.readString(data.resolve("overrides.tsv"))).isEmpty();
        assertThat(Files.readAllLines(actions.file())).extracting(line -> line.replaceAll(".*\"kind\":\"([^\"]+)\".*", "$1"))
                .containsExactly("lighting.override", "lighting.switch", "lighting.override.expired", "lighting.switch");
    }

    @Test
    void clearingAnOverrideReturnsToTheSchedule() {
        LightingController controller = controller();
        controller.override("street-1", OutputState.ON, Duration.ofMinutes(30), "console");
        assertThat(controller.clearOverride("street-1", "console").applied()).isEqualTo(OutputState.OFF);
        assertThat(board.pinHigh("street-1")).isFalse();
    }

    @Test
    void badOverridesAreRefusedWithAReasonAndCounted() {
        LightingController controller = controller();
        assertThatThrownBy(() -> controller.override("street-9", OutputState.ON, Duration.ofHours(1), "console"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("street-9")
                .hasMessageContaining("street-1");
        assertThatThrownBy(() -> controller.override("street-1", OutputState.ON, Duration.ofHours(25), "console"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 h");
        assertThatThrownBy(() -> controller.override("street-1", OutputState.ON, Duration.ZERO, "console"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.overrides.refused", 3L);
    }

    @Test
    void anUnreadableOverrideFileLineIsIgnoredAndCounted() throws Exception {
        Files.writeString(data.resolve("overrides.tsv"), "street-1\tMAYBE\tsoon\tconsole\n");
        LightingController controller = controller();
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.overrides.unreadable", 1L);
        assertThat(controller.evaluateNow()).singleElement().extracting(CircuitStatus::applied)
                .isEqualTo(OutputState.OFF);
    }

    @Test
    void aCircuitOnAnUnwiredOutputIsReportedNotApplied() {
        LightingController controller = controller();
        controller.addCircuit(new CircuitRule("square", "square-9", 48.111, -1.680, "Europe/Paris", "SUNRISE_SUNSET",
                0, 0, "", new String[0]));
        assertThat(controller.evaluateNow()).filteredOn(status -> status.circuit().equals("square")).singleElement()
                .extracting(CircuitStatus::applied).isNull();
        // Once when the circuit was configured, once at the evaluation.
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.output.failures", 2L);
    }

    @Test
    void aSecondCircuitOnTheSameOutputWaitsUntilTheFirstIsRemoved() {
        LightingController controller = new LightingController(data.resolve("overrides.tsv"), outputs, clock, actions,
                MockBoard.silentLogger());
        CircuitRule street1 = circuit("street-1", "");
        controller.addCircuit(street1);
        controller.addCircuit(circuit("street-1-bis", "street-1"));

        assertThat(controller.evaluateNow()).as("two rules on one contactor would fight")
                .extracting(CircuitStatus::circuit).containsExactly("street-1");
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.circuits.conflicting", 1);

        controller.addCircuit(circuit("street-1", "street-2"));
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.circuits.conflicting", 2);

        controller.removeCircuit(street1);
        // The configurations set aside run now: one takes the output, the other the name.
        assertThat(controller.evaluateNow()).extracting(CircuitStatus::circuit)
                .containsExactlyInAnyOrder("street-1", "street-1-bis");
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.circuits.conflicting", 0);
    }

    private static CircuitRule circuit(String name, String output) {
        return new CircuitRule(name, output, 48.111, -1.680, "Europe/Paris", "SUNRISE_SUNSET", 0, 0, "", new String[0]);
    }
}
