package fr.mutualis.gateway.autonomy.actions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.actions.SequencedAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesActionLogTest {

    @TempDir
    Path data;

    @Test
    void appendsOneEscapedJsonLinePerActionAcrossReopeningAndKeepsTheNewestFirst() throws Exception {
        Path file = data.resolve("sub/actions.jsonl");
        JsonLinesActionLog log = new JsonLinesActionLog(file);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("requestedBy", "Zoé \"tech\"\n\\");
        log.append(new RecordedAction(Instant.parse("2026-01-01T00:00:00Z"), "lighting.override", "street-1", details));
        log.close();

        JsonLinesActionLog reopened = new JsonLinesActionLog(file);
        reopened.append(new RecordedAction(Instant.parse("2026-01-01T00:01:00Z"), "lighting.switch", "street-1",
                Map.of("state", "ON")));
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"seq\":\"1\",\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"lighting.override\",\"subject\":\"street-1\","
                        + "\"requestedBy\":\"Zoé \\\"tech\\\"\\n\\\\\"}",
                "{\"seq\":\"2\",\"at\":\"2026-01-01T00:01:00Z\",\"kind\":\"lighting.switch\",\"subject\":\"street-1\",\"state\":\"ON\"}");
        assertThat(reopened.recent(5)).extracting(RecordedAction::kind)
                .as("the actions from before the restart are read back for the console")
                .containsExactly("lighting.switch", "lighting.override");
        assertThat(reopened.recent(5).get(1).details()).containsEntry("requestedBy", "Zoé \"tech\"\n\\");
        reopened.close();
    }

    @Test
    void aLineTornByAPowerCutIsEndedSoTheNextActionStaysReadable() throws Exception {
        Path file = data.resolve("actions.jsonl");
        Files.writeString(file, "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"lighting.switch\",\"subject\":\"street-1\"}\n"
                + "{\"at\":\"2026-01-01T00:05:00Z\",\"kind\":\"light");
        JsonLinesActionLog log = new JsonLinesActionLog(file);
        assertThat(log.recent(5)).extracting(RecordedAction::subject).containsExactly("street-1");
        log.append(new RecordedAction(Instant.parse("2026-01-01T00:10:00Z"), "alarm.raised", "valve", Map.of()));
        log.close();
        assertThat(Files.readAllLines(file)).hasSize(3).last()
                .as("a log written before sequence numbers existed starts them at 1")
                .isEqualTo("{\"seq\":\"1\",\"at\":\"2026-01-01T00:10:00Z\",\"kind\":\"alarm.raised\",\"subject\":\"valve\"}");
    }

    @Test
    void theHealthReportCountsActionsAndDatesTheNewestOneIncludingThoseFromBeforeARestart() throws Exception {
        Path file = data.resolve("actions.jsonl");
        JsonLinesActionLog log = new JsonLinesActionLog(file);
        assertThat(log.metrics()).containsEntry("autonomy.actions.recorded", 0L)
                .containsEntry("autonomy.actions.write.failures", 0L)
                .doesNotContainKey("autonomy.actions.last.epoch.seconds");
        log.append(new RecordedAction(Instant.parse("2026-01-01T00:00:00Z"), "lighting.switch", "street-1", Map.of()));
        log.append(new RecordedAction(Instant.parse("2026-01-01T00:10:00Z"), "alarm.raised", "valve", Map.of()));
        assertThat(log.metrics()).containsEntry("autonomy.actions.recorded", 2L)
                .containsEntry("autonomy.actions.last.epoch.seconds", Instant.parse("2026-01-01T00:10:00Z").getEpochSecond());
        log.close();

        JsonLinesActionLog reopened = new JsonLinesActionLog(file);
        assertThat(reopened.metrics()).as("counted since this start; the newest action is read back")
                .containsEntry("autonomy.actions.recorded", 0L)
                .containsEntry("autonomy.actions.last.epoch.seconds", Instant.parse("2026-01-01T00:10:00Z").getEpochSecond());
        reopened.close();
    }

    @Test
    void whatTheFleetHasNotAcknowledgedSurvivesRestartsAndIsHandedOutOldestFirst() throws Exception {
        Path file = data.resolve("actions.jsonl");
        JsonLinesActionLog log = new JsonLinesActionLog(file);
        for (int minute = 0; minute < 5; minute++) {
            assertThat(log.append(new RecordedAction(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute),
                    "lighting.switch", "street-" + minute, Map.of()))).isEqualTo(minute + 1L);
        }
        assertThat(log.unreported(3)).extracting(SequencedAction::sequence).containsExactly(1L, 2L, 3L);
        log.markReported(3);
        assertThat(log.metrics()).containsEntry("autonomy.actions.unreported", 2L);
        log.close();

        JsonLinesActionLog reopened = new JsonLinesActionLog(file);
        assertThat(reopened.unreported(100)).extracting(s -> s.action().subject()).containsExactly("street-3", "street-4");
        assertThat(reopened.append(new RecordedAction(Instant.parse("2026-01-01T01:00:00Z"), "alarm.raised", "valve",
                Map.of()))).as("numbering continues after a restart").isEqualTo(6L);
        reopened.markReported(6);
        assertThat(reopened.unreported(100)).isEmpty();
        assertThat(reopened.metrics()).containsEntry("autonomy.actions.unreported", 0L);
        reopened.close();
    }

    @Test
    void aLogReplacedUnderTheCursorKeepsNumberingAfterWhatTheFleetHasAndSendsOnlyTheRest() throws Exception {
        Path file = data.resolve("actions.jsonl");
        JsonLinesActionLog log = new JsonLinesActionLog(file);
        log.append(new RecordedAction(Instant.parse("2026-01-01T00:00:00Z"), "lighting.switch", "street-1", Map.of()));
        log.close();
        // The fleet acknowledged up to 40 from a log that was then restored from an older copy.
        Files.writeString(data.resolve(JsonLinesActionLog.REPORTED_FILE_NAME), "40 99999\n");

        JsonLinesActionLog reopened = new JsonLinesActionLog(file);

        assertThat(reopened.unreported(10)).as("sequence 1 is already at the fleet").isEmpty();
        assertThat(reopened.append(new RecordedAction(Instant.parse("2026-01-02T00:00:00Z"), "alarm.raised", "valve",
                Map.of()))).as("never a number the fleet already holds").isEqualTo(41L);
        assertThat(reopened.unreported(10)).extracting(SequencedAction::sequence).containsExactly(41L);
        reopened.close();
    }

    @Test
    void linesFromBeforeSequenceNumbersAreSteppedOverNotSentForever() throws Exception {
        Path file = data.resolve("actions.jsonl");
        Files.writeString(file, "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"lighting.switch\",\"subject\":\"street-1\"}\n");
        JsonLinesActionLog log = new JsonLinesActionLog(file);

        assertThat(log.unreported(10)).isEmpty();
        log.append(new RecordedAction(Instant.parse("2026-01-02T00:00:00Z"), "alarm.raised", "valve", Map.of()));
        assertThat(log.unreported(10)).extracting(SequencedAction::sequence).containsExactly(1L);
        log.close();
    }

    @Test
    void aThreadInterruptedWhileReadingDoesNotEndTheLogForEveryoneElse() throws Exception {
        Path file = data.resolve("actions.jsonl");
        JsonLinesActionLog log = new JsonLinesActionLog(file);
        log.append(new RecordedAction(Instant.parse("2026-01-01T00:00:00Z"), "lighting.switch", "street-1", Map.of()));

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> log.unreported(10)).as("NIO closes the channel under an interrupted reader")
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Thread.interrupted()).isTrue();

        assertThat(log.append(new RecordedAction(Instant.parse("2026-01-01T00:01:00Z"), "lighting.switch", "street-1",
                Map.of()))).isEqualTo(2L);
        assertThat(log.unreported(10)).extracting(SequencedAction::sequence).containsExactly(1L, 2L);
        log.close();
    }
}
