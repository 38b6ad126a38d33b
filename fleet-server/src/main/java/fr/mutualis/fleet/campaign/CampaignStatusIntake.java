package fr.mutualis.fleet.campaign;

import fr.mutualis.contract.UpdateStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what gateways say about their updates: each status in the target's history (once —
 * gateways repeat their latest status at each connection), and the target's new state. A final
 * state never changes again. SUCCEEDED counts only once a birth has also announced the release:
 * the gateway came back running it, not just "finished".
 */
@Service
public class CampaignStatusIntake {

    private static final Logger log = LoggerFactory.getLogger(CampaignStatusIntake.class);

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    CampaignStatusIntake(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    private record Current(TargetState state, String release, boolean announced) {
    }

    /** Returns the campaign to step when the status changed its target's state. */
    @Transactional
    public Optional<UUID> onStatus(UUID campaign, UpdateStatus status, Instant now) {
        Optional<Current> locked = jdbc.sql("""
                SELECT t.state, c.release, t.release_announced FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id
                WHERE t.campaign_id = :campaign AND t.gateway_id = :gateway FOR UPDATE OF t
                """).param("campaign", campaign).param("gateway", status.gatewayId())
                .query((rs, row) -> new Current(TargetState.valueOf(rs.getString("state")), rs.getString("release"),
                        rs.getBoolean("release_announced")))
                .optional();
        if (locked.isEmpty()) {
            return ignored("not-a-target", status);
        }
        Current current = locked.get();
        if (!current.release().equals(status.release())) {
            return ignored("wrong-release", status);
        }
        int recorded = jdbc.sql("""
                INSERT INTO campaign_target_event (campaign_id, gateway_id, recorded_at, source, step, percent, reason,
                                                   running_release, reported_at)
                VALUES (:campaign, :gateway, :now, 'GATEWAY', :step, :percent, :reason, :running, :at)
                ON CONFLICT DO NOTHING
                """).param("campaign", campaign).param("gateway", status.gatewayId()).param("now", Timestamp.from(now))
                .param("step", status.step().name()).param("percent", status.percent()).param("reason", status.reason())
                .param("running", status.runningRelease())
                .param("at", status.at() == null ? null : Timestamp.from(status.at())).update();
        if (recorded == 0) {
            return ignored("duplicate", status);
        }
        if (current.state().isFinal() && current.state() != TargetState.WITHDRAWN) {
            // Kept in the history; a final verdict (a time-out, say) is not reopened.
            return ignored("after-final", status);
        }
        TargetState next = next(status.step(), current.announced());
        jdbc.sql("""
                UPDATE campaign_target SET state = :state, step = :step,
                       percent = CASE WHEN :step = 'DOWNLOADING' THEN CAST(:percent AS integer) ELSE percent END,
                       reason = :reason, running_release = :running, updated_at = :now,
                       -- a gateway that started an order taken back at a window's close is timed from now
                       ordered_at = coalesce(ordered_at, CAST(:now AS timestamptz)),
                       finished_at = CASE WHEN :final THEN CAST(:now AS timestamptz) ELSE NULL END
                WHERE campaign_id = :campaign AND gateway_id = :gateway
                """).param("campaign", campaign).param("gateway", status.gatewayId()).param("state", next.name())
                .param("step", status.step().name()).param("percent", status.percent()).param("reason", status.reason())
                .param("running", status.runningRelease()).param("now", Timestamp.from(now))
                .param("final", next.isFinal()).update();
        meters.counter("mutualis.campaigns.statuses", "step", status.step().name()).increment();
        return Optional.of(campaign);
    }

    private static TargetState next(UpdateStatus.Step step, boolean announced) {
        return switch (step) {
            case DOWNLOADING, VERIFYING, INSTALLING, HEALTH_CHECK -> TargetState.IN_PROGRESS;
            case SUCCEEDED -> announced ? TargetState.SUCCEEDED : TargetState.CONFIRMING;
            case REFUSED -> TargetState.REFUSED;
            case FAILED -> TargetState.FAILED;
            case REVERTED -> TargetState.REVERTED;
        };
    }

    /**
     * A birth: the gateway runs {@code release} now. Targets of campaigns installing that release
     * take note (and one waiting for it succeeds); those of other releases lose a previous note
     * (the gateway went back). Returns the campaigns to step.
     */
    @Transactional
    public List<UUID> onRelease(String gatewayId, String release, Instant now) {
        jdbc.sql("""
                UPDATE campaign_target t SET release_announced = false, updated_at = :now
                FROM campaign c
                WHERE c.id = t.campaign_id AND t.gateway_id = :gateway AND c.release <> :release
                  AND t.release_announced AND t.state IN ('ORDERED', 'IN_PROGRESS', 'CONFIRMING')
                """).param("gateway", gatewayId).param("release", release).param("now", Timestamp.from(now)).update();
        List<UUID> touched = jdbc.sql("""
                WITH announced AS (
                    UPDATE campaign_target t SET release_announced = true, updated_at = :now,
                           state = CASE WHEN t.state = 'CONFIRMING' THEN 'SUCCEEDED' ELSE t.state END,
                           finished_at = CASE WHEN t.state = 'CONFIRMING' THEN CAST(:now AS timestamptz) ELSE t.finished_at END
                    FROM campaign c
                    WHERE c.id = t.campaign_id AND t.gateway_id = :gateway AND c.release = :release
                      AND t.state IN ('ORDERED', 'IN_PROGRESS', 'CONFIRMING')
                    RETURNING t.campaign_id, t.gateway_id, t.state
                ), events AS (
                    INSERT INTO campaign_target_event (campaign_id, gateway_id, recorded_at, source, step, running_release)
                    SELECT campaign_id, gateway_id, :now, 'FLEET', 'RELEASE_ANNOUNCED', :release FROM announced
                )
                SELECT campaign_id FROM announced
                """).param("gateway", gatewayId).param("release", release).param("now", Timestamp.from(now))
                .query((rs, row) -> rs.getObject("campaign_id", UUID.class)).list();
        return touched;
    }

    private Optional<UUID> ignored(String why, UpdateStatus status) {
        meters.counter("mutualis.campaigns.statuses.ignored", "reason", why).increment();
        log.debug("Update status of {} for campaign {} ignored ({}): {}", status.gatewayId(), status.campaign(), why,
                status.step());
        return Optional.empty();
    }
}
