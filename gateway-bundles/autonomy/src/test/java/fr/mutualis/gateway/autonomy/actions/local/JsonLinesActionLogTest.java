package fr.mutualis.gateway.autonomy.actions.local;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.gateway.autonomy.actions.RecordedAction;
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
                "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"lighting.override\",\"subject\":\"street-1\","
                        + "\"requestedBy\":\"Zoé \\\"tech\\\"\\n\\\\\"}",
                "{\"at\":\"2026-01-01T00:01:00Z\",\"kind\":\"lighting.switch\",\"subject\":\"street-1\",\"state\":\"ON\"}");
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
                .isEqualTo("{\"at\":\"2026-01-01T00:10:00Z\",\"kind\":\"alarm.raised\",\"subject\":\"valve\"}");
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
}
