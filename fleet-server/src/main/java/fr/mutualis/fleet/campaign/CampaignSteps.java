package fr.mutualis.fleet.campaign;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves one running campaign forward, under its row lock: targets past the wave timeout fail,
 * a wave over its failure threshold halts the campaign (withdrawing the orders not yet started),
 * a wave whose every target is final opens the next one, and inside a maintenance window the
 * current wave's targets get their orders (outside, orders not yet started are taken back until
 * the next window). Running it twice, or on two fleet instances, changes nothing more.
 */
@Service
public class CampaignSteps {

    /** The audit log's actor for what the fleet decides on its own. */
    static final Actor ENGINE = new Actor("fleet:campaign-engine");
    private static final Logger log = LoggerFactory.getLogger(CampaignSteps.class);

    private final CampaignRecords campaigns;
    private final CampaignProperties properties;
    private final AuditLog audit;
    private final MeterRegistry meters;

    CampaignSteps(CampaignRecords campaigns, CampaignProperties properties, AuditLog audit, MeterRegistry meters) {
        this.campaigns = campaigns;
        this.properties = properties;
        this.audit = audit;
        this.meters = meters;
    }

    @Transactional
    public void advance(UUID id, Instant now) {
        CampaignRecords.Campaign campaign = campaigns.lock(id).orElse(null);
        if (campaign == null || campaign.state() != CampaignState.RUNNING) {
            return;
        }
        CampaignSettings settings = campaign.settings();
        int timedOut = campaigns.timeOut(id, settings.waveTimeoutSeconds(), now);
        if (timedOut > 0) {
            meters.counter("mutualis.campaigns.timed.out").increment(timedOut);
            log.info("Campaign {}: {} gateway(s) timed out", id, timedOut);
        }
        int wave = campaign.currentWave();
        CampaignRecords.WaveTally tally = campaigns.tally(id, wave);
        if (settings.failureThreshold().exceeded(tally.failed(), tally.size())) {
            halt(campaign, wave, tally, now);
            return;
        }
        if (tally.finished() == tally.size()) {
            if (wave + 1 >= campaign.waveCount()) {
                campaigns.changeState(id, CampaignState.COMPLETED, "every wave finished", now);
                log.info("Campaign {} completed", id);
                return;
            }
            wave++;
            campaigns.nextWave(id, wave, now);
            log.info("Campaign {}: wave {} of {} starts", id, wave + 1, campaign.waveCount());
        }
        if (new MaintenanceWindows(settings.maintenanceWindows(), properties.zone()).isOpen(now)) {
            campaigns.order(id, wave, now);
        } else {
            campaigns.holdBack(id, now);
        }
    }

    private void halt(CampaignRecords.Campaign campaign, int wave, CampaignRecords.WaveTally tally, Instant now) {
        String reason = "wave " + (wave + 1) + ": " + tally.failed() + " of " + tally.size() + " gateways failed, "
                + "over the threshold (" + campaign.settings().failureThreshold().describe() + ")";
        int withdrawn = campaigns.withdrawUnstarted(campaign.id(), "campaign halted", now);
        campaigns.changeState(campaign.id(), CampaignState.HALTED, reason, now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", CampaignState.HALTED.name());
        after.put("reason", reason);
        after.put("withdrawnOrders", withdrawn);
        audit.record(ENGINE, "campaign.halt", "campaign", campaign.id().toString(), null,
                Map.of("state", campaign.state().name()), after);
        meters.counter("mutualis.campaigns.halted").increment();
        log.warn("Campaign {} ({}) halted: {}; {} order(s) withdrawn", campaign.id(), campaign.release(), reason, withdrawn);
    }
}
