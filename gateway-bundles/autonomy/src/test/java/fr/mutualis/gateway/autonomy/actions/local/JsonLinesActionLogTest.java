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
        assertThat(reopened.recent(5)).extracting(RecordedAction::kind).containsExactly("lighting.switch");
        reopened.close();
    }
}
