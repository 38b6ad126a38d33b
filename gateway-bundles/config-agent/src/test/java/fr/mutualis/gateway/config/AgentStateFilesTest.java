package fr.mutualis.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.ConfigurationOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStateFilesTest {

    @TempDir
    Path directory;

    @Test
    void stateAndJournalRoundTripAndALeftoverTemporaryFileIsDiscarded() throws Exception {
        Files.writeString(directory.resolve("state.json.tmp"), "{\"appliedVersion\":9"); // torn by a power cut
        AgentStateFiles files = new AgentStateFiles(directory);
        assertThat(files.readState()).isEqualTo(AgentState.INITIAL);
        assertThat(files.readJournal()).isEmpty();
        assertThat(directory.resolve("state.json.tmp")).doesNotExist();

        AgentState state = AgentState.INITIAL.committed(4, Map.of("fr.mutualis.gateway.health",
                Map.of("intervalSeconds", 60))).attempt(5, ConfigurationOutcome.ROLLED_BACK, "uplink down");
        files.writeState(state);
        Map<String, Map<String, Object>> lastKnownGood = new HashMap<>();
        lastKnownGood.put("fr.mutualis.gateway.health", TypedSnapshot.encode(Map.of("intervalSeconds", 30)));
        lastKnownGood.put("fr.mutualis.gateway.pipeline", null);
        files.writeJournal(new ApplyJournal(5, lastKnownGood));

        AgentStateFiles reopened = new AgentStateFiles(directory);
        assertThat(reopened.readState()).isEqualTo(state);
        ApplyJournal journal = reopened.readJournal().orElseThrow();
        assertThat(journal.version()).isEqualTo(5);
        assertThat(journal.lastKnownGood()).containsEntry("fr.mutualis.gateway.pipeline", null);
        assertThat(TypedSnapshot.decode(journal.lastKnownGood().get("fr.mutualis.gateway.health")))
                .containsEntry("intervalSeconds", 30);

        reopened.deleteJournal();
        assertThat(reopened.readJournal()).isEmpty();
        try (var left = Files.list(directory)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("state.json"));
        }
    }
}
