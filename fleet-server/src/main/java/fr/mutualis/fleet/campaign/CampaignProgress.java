package fr.mutualis.fleet.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Campaigns as people read them: counts per state overall and per wave, each gateway's progress
 * and history — always over the gateways of the reader's communes. A campaign with none of them
 * is not found; people confined to communes do not see the settings (they name other communes'
 * gateways and communes). Each read is one snapshot, so the counts always add up.
 */
@Repository
// One snapshot per read: the campaign's current wave and its targets' states are always seen together.
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class CampaignProgress {

    private static final String VISIBLE = "(CAST(:all AS boolean) OR t.commune = ANY(:communes))";

    @Schema(description = "Targets by state; pending + inProgress + succeeded + failed + withdrawn = total.")
    record Counts(long total, @Schema(description = "No order yet.") long pending,
                  @Schema(description = "Ordered, updating, or confirming (SUCCEEDED seen, waiting for the birth).")
                  long inProgress,
                  @Schema(description = "SUCCEEDED reported and the gateway came back announcing the release.") long succeeded,
                  @Schema(description = "Refused, failed, reverted or timed out.") long failed,
                  @Schema(description = "Orders withdrawn before they started (halt, cancel).") long withdrawn,
                  Map<TargetState, Long> byState) {
    }

    record WaveView(@Schema(description = "1 for the first wave (the canaries when there are).") int number,
                    @Schema(description = "True once the wave has started.") boolean started, Counts counts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CampaignView(UUID id, String name, String release, CampaignState state,
                        @Schema(description = "Why it is in its state: halted over the threshold, paused by..., etc.")
                        String stateReason,
                        @Schema(description = "The current wave, from 1.") int currentWave, int waveCount,
                        Instant waveStartedAt, String createdBy, Instant createdAt, Instant updatedAt,
                        @Schema(description = "Over the gateways of the reader's communes.") Counts counts,
                        List<WaveView> waves,
                        @Schema(description = "The campaign's settings (syndicate staff only).") Object settings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TargetView(String gatewayId, String commune, @Schema(description = "Its wave, from 1.") int wave,
                      TargetState state,
                      @Schema(description = "The latest step the gateway reported.") String step,
                      @Schema(description = "Download progress, 0-100.") Integer percent,
                      @Schema(description = "Why it failed, was refused, reverted, timed out or was withdrawn.") String reason,
                      @Schema(description = "The release the gateway said it runs in its latest status.") String runningRelease,
                      @Schema(description = "True once a birth announced the campaign's release.") boolean releaseAnnounced,
                      Instant orderedAt, Instant updatedAt, Instant finishedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryEvent(Instant recordedAt,
                        @Schema(description = "GATEWAY: a status it sent; FLEET: the fleet's own verdict or observation.")
                        String source,
                        @Schema(description = "A status step, or TIMED_OUT, WITHDRAWN, RELEASE_ANNOUNCED.") String step,
                        Integer percent, String reason, String runningRelease,
                        @Schema(description = "The gateway's time of the step.") Instant reportedAt) {
    }

    record TargetDetail(TargetView progress, List<HistoryEvent> history) {
    }

    private final JdbcClient jdbc;
    private final CampaignRecords campaigns;

    CampaignProgress(JdbcClient jdbc, CampaignRecords campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    CampaignView campaign(UUID id, CommuneScope scope) {
        CampaignRecords.Campaign campaign = campaigns.find(id).orElseThrow(() -> unknown(id));
        List<Object[]> rows = jdbc.sql("SELECT t.wave, t.state, count(*) AS n FROM campaign_target t "
                        + "WHERE t.campaign_id = :id AND " + VISIBLE + " GROUP BY t.wave, t.state")
                .param("id", id).param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> new Object[] {rs.getInt("wave"), TargetState.valueOf(rs.getString("state")), rs.getLong("n")})
                .list();
        if (rows.isEmpty()) {
            throw unknown(id);
        }
        List<Map<TargetState, Long>> perWave = new ArrayList<>();
        for (int wave = 0; wave < campaign.waveCount(); wave++) {
            perWave.add(new EnumMap<>(TargetState.class));
        }
        Map<TargetState, Long> overall = new EnumMap<>(TargetState.class);
        for (Object[] row : rows) {
            perWave.get((Integer) row[0]).merge((TargetState) row[1], (Long) row[2], Long::sum);
            overall.merge((TargetState) row[1], (Long) row[2], Long::sum);
        }
        List<WaveView> waves = new ArrayList<>();
        for (int wave = 0; wave < campaign.waveCount(); wave++) {
            waves.add(new WaveView(wave + 1, wave <= campaign.currentWave(), counts(perWave.get(wave))));
        }
        return new CampaignView(campaign.id(), campaign.name(), campaign.release(), campaign.state(),
                campaign.stateReason(), campaign.currentWave() + 1, campaign.waveCount(), campaign.waveStartedAt(),
                campaign.createdBy(), campaign.createdAt(), campaign.updatedAt(), counts(overall), waves,
                scope.all() ? campaign.settings() : null);
    }

    /** Campaigns with at least one gateway in the reader's communes, newest first (keyset on the id order). */
    List<CampaignView> list(CommuneScope scope, UUID after, int limit) {
        List<UUID> ids = jdbc.sql("""
                SELECT c.id FROM campaign c
                WHERE (CAST(:after AS uuid) IS NULL OR c.id > CAST(:after AS uuid))
                  AND EXISTS (SELECT 1 FROM campaign_target t WHERE t.campaign_id = c.id AND """ + VISIBLE + """
                )
                ORDER BY c.id LIMIT :limit
                """).param("after", after == null ? null : after.toString()).param("all", scope.all())
                .param("communes", scope.sqlArray()).param("limit", limit)
                .query((rs, row) -> rs.getObject("id", UUID.class)).list();
        return ids.stream().map(id -> campaign(id, scope)).toList();
    }

    List<TargetView> targets(UUID id, CommuneScope scope, Integer wave, TargetState state, String after, int limit) {
        return jdbc.sql("SELECT * FROM campaign_target t WHERE t.campaign_id = :id AND " + VISIBLE + """
                  AND (CAST(:wave AS integer) IS NULL OR t.wave = CAST(:wave AS integer) - 1)
                  AND (CAST(:state AS text) IS NULL OR t.state = :state)
                  AND (CAST(:after AS text) IS NULL OR t.gateway_id COLLATE "C" > :after)
                ORDER BY t.gateway_id COLLATE "C" LIMIT :limit
                """).param("id", id).param("all", scope.all()).param("communes", scope.sqlArray())
                .param("wave", wave).param("state", state == null ? null : state.name()).param("after", after)
                .param("limit", limit)
                .query((rs, row) -> target(rs)).list();
    }

    Optional<TargetDetail> target(UUID id, String gatewayId, CommuneScope scope) {
        return jdbc.sql("SELECT * FROM campaign_target t WHERE t.campaign_id = :id AND t.gateway_id = :gateway AND " + VISIBLE)
                .param("id", id).param("gateway", gatewayId).param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> target(rs)).optional()
                .map(progress -> new TargetDetail(progress, jdbc.sql("""
                        SELECT * FROM campaign_target_event WHERE campaign_id = :id AND gateway_id = :gateway ORDER BY id
                        """).param("id", id).param("gateway", gatewayId)
                        .query((rs, row) -> new HistoryEvent(instant(rs, "recorded_at"), rs.getString("source"),
                                rs.getString("step"), (Integer) rs.getObject("percent"), rs.getString("reason"),
                                rs.getString("running_release"), instant(rs, "reported_at")))
                        .list()));
    }

    static Counts counts(Map<TargetState, Long> byState) {
        long[] per = new long[TargetState.Category.values().length];
        long total = 0;
        for (Map.Entry<TargetState, Long> entry : byState.entrySet()) {
            per[entry.getKey().category().ordinal()] += entry.getValue();
            total += entry.getValue();
        }
        return new Counts(total, per[TargetState.Category.PENDING.ordinal()], per[TargetState.Category.IN_PROGRESS.ordinal()],
                per[TargetState.Category.SUCCEEDED.ordinal()], per[TargetState.Category.FAILED.ordinal()],
                per[TargetState.Category.WITHDRAWN.ordinal()], Map.copyOf(byState));
    }

    private static TargetView target(ResultSet rs) throws SQLException {
        return new TargetView(rs.getString("gateway_id"), rs.getString("commune"), rs.getInt("wave") + 1,
                TargetState.valueOf(rs.getString("state")), rs.getString("step"), (Integer) rs.getObject("percent"),
                rs.getString("reason"), rs.getString("running_release"), rs.getBoolean("release_announced"),
                instant(rs, "ordered_at"), instant(rs, "updated_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static ErrorResponseException unknown(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No campaign " + id + ".");
        problem.setTitle("Unknown campaign");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
