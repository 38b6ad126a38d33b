package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.api.UpdateStatusSender;
import fr.mutualis.gateway.api.UplinkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusJournalTest {

    @TempDir
    Path dir;

    private final List<UpdateStatus> sent = new ArrayList<>();
    private boolean connected;
    private final UpdateStatusSender uplink = status -> {
        if (!connected) {
            throw new UplinkException("not connected");
        }
        sent.add(status);
    };
    private final OtaMetrics metrics = new OtaMetrics();
    private final List<String> warnings = new ArrayList<>();
    private final UpdateOrder order = new UpdateOrder(UpdateOrder.VERSION, "gw-1", "35238", "c1", "1.2.0",
            "https://fleet/p.dp", "ab".repeat(32), 10, "c2ln", false, 5, 15, 0, Instant.parse("2026-01-01T00:00:00Z"));
    private final Statuses statuses = new Statuses("gw-1", "35238", "1.1.0", Clock.systemUTC());

    @Test
    void aStatusReachedOfflineIsSentWhenTheLinkReturnsEvenAfterARestart() {
        StatusJournal journal = new StatusJournal(dir.resolve("campaign.json"), () -> uplink, metrics, warnings::add);
        journal.record(order, statuses.ended(order, UpdateStatus.Step.REFUSED, "bad signature"));
        assertThat(sent).isEmpty();
        assertThat(metrics.statusSendFailures.get()).isEqualTo(1);

        StatusJournal afterRestart = new StatusJournal(dir.resolve("campaign.json"), () -> uplink, metrics, warnings::add);
        assertThat(afterRestart.latest()).hasValueSatisfying(r -> {
            assertThat(r.finished()).isTrue();
            assertThat(r.isFor("c1")).isTrue();
            assertThat(r.acknowledged()).isFalse();
        });
        connected = true;
        afterRestart.resendPending();
        afterRestart.resendPending();
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.step()).isEqualTo(UpdateStatus.Step.REFUSED);
            assertThat(s.reason()).isEqualTo("bad signature");
            assertThat(s.runningRelease()).isEqualTo("1.1.0");
        });
        assertThat(new StatusJournal(dir.resolve("campaign.json"), () -> uplink, metrics, warnings::add).latest())
                .hasValueSatisfying(r -> assertThat(r.acknowledged()).isTrue());
    }

    @Test
    void anUnreadableRecordIsReportedAndIgnoredNotFatal() throws Exception {
        Files.writeString(dir.resolve("campaign.json"), "{not json");
        StatusJournal journal = new StatusJournal(dir.resolve("campaign.json"), () -> uplink, metrics, warnings::add);
        assertThat(journal.latest()).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("Ignoring the unreadable update record");
    }
}
