package fr.mutualis.fleet.campaign;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.release.ReleaseView;
import fr.mutualis.fleet.release.Releases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/** What operators do to campaigns: create (and start), pause, resume, cancel — each audited. */
@Service
public class Campaigns {

    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

    private final CampaignRecords campaigns;
    private final CampaignTargeting targeting;
    private final Releases releases;
    private final AuditLog audit;

    Campaigns(CampaignRecords campaigns, CampaignTargeting targeting, Releases releases, AuditLog audit) {
        this.campaigns = campaigns;
        this.targeting = targeting;
        this.releases = releases;
        this.audit = audit;
    }

    /** Creates the campaign with its frozen target list and waves; it starts RUNNING. */
    @Transactional
    public UUID create(CampaignRequest request, Actor actor) {
        CampaignSettings settings = CampaignSettings.from(request);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw new IllegalArgumentException("name: give the campaign a name of 1 to 200 characters");
        }
        if (request.release() == null) {
            throw new IllegalArgumentException("release: name the release to install");
        }
        ReleaseView release = releases.find(request.release())
                .orElseThrow(() -> new IllegalArgumentException("release: no release " + request.release()
                        + " is stored; upload it first"));
        List<CampaignRecords.Target> targets = targeting.resolve(settings, release.version());
        if (targets.isEmpty()) {
            throw conflict("No gateway matches the targets (or every match already runs " + release.version()
                    + ", is revoked, busy in another campaign, or has not announced its release).");
        }
        List<List<String>> plan = WavePlanner.plan(targets.stream().map(CampaignRecords.Target::gatewayId).toList(),
                settings.canaries(), settings.waves());
        Map<String, CampaignRecords.Target> byId = new LinkedHashMap<>();
        targets.forEach(target -> byId.put(target.gatewayId(), target));
        List<List<CampaignRecords.Target>> waves = new ArrayList<>();
        plan.forEach(wave -> waves.add(wave.stream().map(byId::get).toList()));
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        campaigns.insert(new CampaignRecords.Campaign(id, request.name().strip(), release.version(), release.sha256(),
                release.size(), release.signature(), settings, waves.size(), CampaignState.RUNNING, null, 0, now,
                actor.name(), now, now));
        campaigns.insertTargets(id, waves, now);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("name", request.name().strip());
        recorded.put("release", release.version());
        recorded.put("gateways", targets.size());
        recorded.put("waveSizes", waves.stream().map(List::size).toList());
        recorded.put("settings", settings);
        audit.record(actor, "campaign.create", "campaign", id.toString(), null, null, recorded);
        log.info("Campaign {} created by {}: release {} to {} gateways in {} waves", id, actor.name(), release.version(),
                targets.size(), waves.size());
        return id;
    }

    @Transactional
    public void pause(UUID id, Actor actor) {
        change(id, CampaignState.RUNNING, CampaignState.PAUSED, "paused by " + actor.name(), actor, "campaign.pause");
    }

    @Transactional
    public void resume(UUID id, Actor actor) {
        change(id, CampaignState.PAUSED, CampaignState.RUNNING, null, actor, "campaign.resume");
    }

    /** Ends the campaign; orders not yet started are withdrawn, updates under way finish and are still tracked. */
    @Transactional
    public void cancel(UUID id, Actor actor) {
        CampaignRecords.Campaign campaign = campaigns.lock(id).orElseThrow(() -> CampaignProgress.unknown(id));
        if (!campaign.state().isActive()) {
            throw conflict("Campaign " + id + " is " + campaign.state() + ": only a running or paused campaign can be cancelled.");
        }
        Instant now = Instant.now();
        int withdrawn = campaigns.withdrawUnstarted(id, "campaign cancelled", now);
        campaigns.changeState(id, CampaignState.CANCELLED, "cancelled by " + actor.name(), now);
        audit.record(actor, "campaign.cancel", "campaign", id.toString(), null, Map.of("state", campaign.state().name()),
                Map.of("state", CampaignState.CANCELLED.name(), "withdrawnOrders", withdrawn));
        log.info("Campaign {} cancelled by {}: {} order(s) withdrawn", id, actor.name(), withdrawn);
    }

    private void change(UUID id, CampaignState from, CampaignState to, String reason, Actor actor, String action) {
        CampaignRecords.Campaign campaign = campaigns.lock(id).orElseThrow(() -> CampaignProgress.unknown(id));
        if (campaign.state() != from) {
            throw conflict("Campaign " + id + " is " + campaign.state() + ", not " + from + ".");
        }
        campaigns.changeState(id, to, reason, Instant.now());
        audit.record(actor, action, "campaign", id.toString(), null, Map.of("state", from.name()), Map.of("state", to.name()));
        log.info("Campaign {}: {} by {}", id, to, actor.name());
    }

    static ErrorResponseException conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Campaign conflict");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
