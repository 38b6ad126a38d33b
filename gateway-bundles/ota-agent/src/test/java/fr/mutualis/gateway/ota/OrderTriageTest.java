package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderTriageTest {

    private final Statuses statuses = new Statuses("gw-1", "35238", "1.1.0", Clock.systemUTC());
    private final UpdateOrder c1 = order("c1");
    private final UpdateOrder c2 = order("c2");

    @Test
    void theSameOrderAgainNeverRestartsAFinishedOrRunningUpdate() {
        CampaignRecord finished = new CampaignRecord(c1, statuses.ended(c1, UpdateStatus.Step.REVERTED, "x"), true);
        assertThat(OrderTriage.triage(c1, false, Optional.of(finished), Optional.empty(), true))
                .isEqualTo(OrderTriage.Action.ALREADY_FINISHED);
        assertThat(OrderTriage.triage(c1, false, Optional.empty(), Optional.of("c1"), true))
                .isEqualTo(OrderTriage.Action.ALREADY_RUNNING);
    }

    @Test
    void anInterruptedCampaignResumesAfterARestart() {
        CampaignRecord downloading = new CampaignRecord(c1, statuses.downloading(c1, 40), true);
        assertThat(OrderTriage.triage(c1, false, Optional.of(downloading), Optional.empty(), true))
                .isEqualTo(OrderTriage.Action.START);
    }

    @Test
    void aNewCampaignReplacesADownloadButNeitherAnInstallNorATrial() {
        assertThat(OrderTriage.triage(c2, false, Optional.empty(), Optional.of("c1"), true)).isEqualTo(OrderTriage.Action.START);
        assertThat(OrderTriage.triage(c2, false, Optional.empty(), Optional.of("c1"), false))
                .isEqualTo(OrderTriage.Action.BUSY_INSTALLING);
        assertThat(OrderTriage.triage(c2, true, Optional.empty(), Optional.empty(), true))
                .isEqualTo(OrderTriage.Action.WAIT_FOR_TRIAL);
    }

    private static UpdateOrder order(String campaign) {
        return new UpdateOrder(UpdateOrder.VERSION, "gw-1", "35238", campaign, "1.2.0", "https://fleet/p.dp", "ab".repeat(32),
                10, "c2ln", false, 5, 15, 0, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
