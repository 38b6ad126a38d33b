package fr.mutualis.gateway.autonomy.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.autonomy.ControllableClock;
import fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog;
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
    void badRulesAreRefusedWithAReason() {
        assertThatThrownBy(() -> ReadingCondition.parse("levelCm >> 4")).hasMessageContaining("operator");
        assertThatThrownBy(() -> ReadingCondition.parse("levelCm > high")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ReadingCondition.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new AlarmRule("x", "nothex!!", "leakageAlarm", "valve", outputs, clock, null,
                MockBoard.silentLogger())).hasMessageContaining("devAddr");
    }
}
