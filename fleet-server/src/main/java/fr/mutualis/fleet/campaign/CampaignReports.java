package fr.mutualis.fleet.campaign;

import fr.mutualis.contract.UpdateStatus;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the MQTT router hands to campaigns: update statuses and the releases births announce. Each
 * is recorded in its own transaction; the campaign it may have moved is stepped afterwards, off the
 * MQTT callback thread.
 */
@Component
public class CampaignReports {

    private final CampaignStatusIntake intake;
    private final CampaignEngine engine;

    CampaignReports(CampaignStatusIntake intake, CampaignEngine engine) {
        this.intake = intake;
        this.engine = engine;
    }

    /** @param campaign the status's campaign id, already checked to be a UUID */
    public void onStatus(UUID campaign, UpdateStatus status) {
        intake.onStatus(campaign, status, Instant.now()).ifPresent(engine::stepSoon);
    }

    public void onRelease(String gatewayId, String release) {
        intake.onRelease(gatewayId, release, Instant.now()).forEach(engine::stepSoon);
    }
}
