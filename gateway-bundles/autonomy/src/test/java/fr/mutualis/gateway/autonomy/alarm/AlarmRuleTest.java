package fr.mutualis.gateway.autonomy.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.autonomy.ControllableClock;
import fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.autonomy.lighting.local.CircuitRule;
import fr.mutualis.gateway.autonomy.lighting.local.LightingController;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import fr.mutualis.gateway.autonomy.time.local.AssessedGatewayClock;
import fr.mutualis.gateway.decoding.DecodedPayload;
import fr.mutualis.gateway.decoding.DecodedUplink;
import fr.mutualis.hardware.io.DigitalOutputs;
import fr.mutualis.hardware.io.pi4j.MockBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path data;

    private final MockBoard board = new MockBoard();
    private final DigitalOutputs outputs = board.outputs(false, false, "sounder=22");
    private final ControllableClock time = new ControllableClock(NOW);
    private final AssessedGatewayClock clock = new AssessedGatewayClock(time, new ClockAssessor(time, () -> 0L, 20,
            Duration.ofMinutes(1), Duration.ofMinutes(15), Instant.EPOCH));

    @AfterEach
    void shutdown() {
        board.close();
    }

    private static DecodedUplink reading(String devAddr, Map<String, Object> values) {
        return new DecodedUplink(devAddr, 1, 2, NOW, new DecodedPayload("test", "report", values));
    }

    @Test
    void aThresholdOnANumberSwitchesTheOutputOnlyWhenMetAndOnlyForItsDevice() throws Exception {
        JsonLinesActionLog actions = new JsonLinesActionLog(data.resolve("a.jsonl"));
        AlarmRule rule = new AlarmRule("flood", "0A0B0C0D", "levelCm > 40", "sounder", outputs, clock, actions,
                MockBoard.silentLogger());
        rule.decoded(reading("0a0b0c0d", Map.of("levelCm", 40L)));
        rule.decoded(reading("0a0b0c0e", Map.of("levelCm", 90L)));
        rule.decoded(reading("0a0b0c0d", Map.of("levelCm", "high")));
        assertThat(board.pinHigh("sounder")).isFalse();

        rule.decoded(reading("0a0b0c0d", Map.of("levelCm", 40.5)));
        assertThat(board.pinHigh("sounder")).isTrue();
        assertThat(rule.metrics()).containsEntry("autonomy.alarm.flood.raised", 1L);
        assertThat(Files.readString(actions.file())).contains("\"kind\":\"alarm.raised\"", "\"value\":\"40.5\"");
    }

    @Test
    void anUnwiredOutputIsCountedAndStillLoggedWithoutThrowing() throws Exception {
        JsonLinesActionLog actions = new JsonLinesActionLog(data.resolve("a.jsonl"));
        AlarmRule rule = new AlarmRule("leak", "", "leakageAlarm", "valve", outputs, clock, actions,
                MockBoard.silentLogger());
        rule.decoded(reading("01020304", Map.of("leakageAlarm", true)));
        assertThat(rule.metrics()).containsEntry("autonomy.alarm.leak.output.failures", 1L);
        assertThat(Files.readString(actions.file())).contains("outputError", "valve");
    }

    @Test
    void anAlarmOnALightingCircuitsOutputForcesTheCircuitOnInsteadOfFightingItsSchedule() throws Exception {
        DigitalOutputs street = board.outputs(false, false, "street-1=17");
        clock.synchronised(Duration.ZERO);
        JsonLinesActionLog actions = new JsonLinesActionLog(data.resolve("a.jsonl"));
        LightingController lighting = new LightingController(data.resolve("overrides.tsv"), street, clock, actions,
                MockBoard.silentLogger());
        lighting.addCircuit(new CircuitRule("street-1", "", 48.111, -1.680, "Europe/Paris", "SUNRISE_SUNSET", 0, 0,
                "", new String[0]));
        assertThat(lighting.evaluateNow()).singleElement().extracting(CircuitStatus::applied).isEqualTo(OutputState.OFF);

        AlarmRule rule = new AlarmRule("flood", "", "levelCm > 40", "street-1", street, clock, actions,
                MockBoard.silentLogger());
        rule.bindLighting(lighting);
        rule.decoded(reading("0a0b0c0d", Map.of("levelCm", 55L)));

        // Daytime: the schedule says off, the alarm's override keeps the street lit, as the console shows.
        assertThat(board.pinHigh("street-1")).isTrue();
        assertThat(lighting.evaluateNow()).singleElement().satisfies(status -> {
            assertThat(status.applied()).isEqualTo(OutputState.ON);
            assertThat(status.override()).hasValueSatisfying(override -> {
                assertThat(override.requestedBy()).isEqualTo("alarm flood");
                assertThat(override.until()).isEqualTo(NOW.plus(LightingControl.MAX_OVERRIDE));
            });
        });
        assertThat(board.pinHigh("street-1")).isTrue();
        assertThat(rule.metrics()).containsEntry("autonomy.alarm.flood.raised", 1L)
                .containsEntry("autonomy.alarm.flood.output.failures", 0L);
        assertThat(Files.readAllLines(actions.file())).extracting(line -> line.replaceAll(".*\"kind\":\"([^\"]+)\".*", "$1"))
                .containsExactly("lighting.override", "lighting.switch", "alarm.raised");
        assertThat(Files.readString(actions.file())).contains("\"circuit\":\"street-1\"");

        // A person ends it on the console: the schedule takes over again.
        lighting.clearOverride("street-1", "console");
        assertThat(board.pinHigh("street-1")).isFalse();
    }

    @Test
    void anAlarmOnACircuitWhoseOutputCannotBeSetIsCountedAsAFailure() throws Exception {
        clock.synchronised(Duration.ZERO);
        JsonLinesActionLog actions = new JsonLinesActionLog(data.resolve("a.jsonl"));
        LightingController lighting = new LightingController(data.resolve("overrides.tsv"), outputs, clock, actions,
                MockBoard.silentLogger());
        lighting.addCircuit(new CircuitRule("square", "square-9", 48.111, -1.680, "Europe/Paris", "SUNRISE_SUNSET",
                0, 0, "", new String[0]));
        AlarmRule rule = new AlarmRule("flood", "", "levelCm > 40", "square-9", outputs, clock, actions,
                MockBoard.silentLogger());
        rule.bindLighting(lighting);

        rule.decoded(reading("0a0b0c0d", Map.of("levelCm", 55L)));

        assertThat(rule.metrics()).containsEntry("autonomy.alarm.flood.output.failures", 1L);
        assertThat(Files.readString(actions.file())).contains("\"kind\":\"alarm.raised\"", "outputError",
                "square-9 could not be set");
    }

    @Test
    void badRulesAreRefusedWithAReason() {
        assertThatThrownBy(() -> ReadingCondition.parse("levelCm >> 4")).hasMessageContaining("operator");
        assertThatThrownBy(() -> ReadingCondition.parse("levelCm > high")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ReadingCondition.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new AlarmRule("x", "nothex!!", "leakageAlarm", "valve", outputs, clock, null,
                MockBoard.silentLogger())).hasMessageContaining("devAddr");
    }
}
