package fr.mutualis.fleet.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaign rows and the state changes of their targets, shared by the engine, the status intake
 * and the operator's actions. A campaign's row is the lock that serialises everything that moves
 * it (two fleet instances included); a target's row serialises its statuses.
 */
@Repository
class CampaignRecords {

    record Campaign(UUID id, String name, String release, String sha256, long size, String signature,
                    CampaignSettings settings, int waveCount, CampaignState state, String stateReason, int currentWave,
                    Instant waveStartedAt, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CampaignRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Campaign> find(UUID id) {
        return jdbc.sql("SELECT * FROM campaign WHERE id = :id").param("id", id).query((rs, row) -> map(rs)).optional();
    }

    /** The campaign, its row locked until the transaction ends. */
    Optional<Campaign> lock(UUID id) {
        return jdbc.sql("SELECT * FROM campaign WHERE id = :id FOR UPDATE").param("id", id)
                .query((rs, row) -> map(rs)).optional();
    }

    List<UUID> running() {
        return jdbc.sql("SELECT id FROM campaign WHERE state = 'RUNNING' ORDER BY created_at")
                .query((rs, row) -> rs.getObject("id", UUID.class)).list();
    }

    void insert(Campaign campaign) {
        jdbc.sql("""
                INSERT INTO campaign (id, name, release, sha256, size, signature, settings, wave_count, state,
                                      current_wave, wave_started_at, created_by, created_at, updated_at)
                VALUES (:id, :name, :release, :sha256, :size, :signature, CAST(:settings AS jsonb), :waves, :state,
                        0, :at, :by, :at, :at)
                """)
                .param("id", campaign.id()).param("name", campaign.name()).param("release", campaign.release())
                .param("sha256", campaign.sha256()).param("size", campaign.size()).param("signature", campaign.signature())
                .param("settings", json.writeValueAsString(campaign.settings())).param("waves", campaign.waveCount())
                .param("state", campaign.state().name()).param("at", Timestamp.from(campaign.createdAt()))
                .param("by", campaign.createdBy()).update();
    }

    void insertTargets(UUID campaign, List<List<Target>> waves, Instant now) {
        for (int wave = 0; wave < waves.size(); wave++) {
            List<Target> targets = waves.get(wave);
            jdbc.sql("""
                    INSERT INTO campaign_target (campaign_id, gateway_id, commune, wave, state, updated_at)
                    SELECT :campaign, t.gateway_id, t.commune, :wave, 'PENDING', :now
                    FROM unnest(CAST(:ids AS text[]), CAST(:communes AS text[])) AS t (gateway_id, commune)
                    """)
                    .param("campaign", campaign).param("wave", wave).param("now", Timestamp.from(now))
                    .param("ids", targets.stream().map(Target::gatewayId).toArray(String[]::new))
                    .param("communes", targets.stream().map(Target::commune).toArray(String[]::new))
                    .update();
        }
    }

    record Target(String gatewayId, String commune) {
    }

    void changeState(UUID id, CampaignState state, String reason, Instant now) {
        jdbc.sql("UPDATE campaign SET state = :state, state_reason = :reason, updated_at = :now WHERE id = :id")
                .param("id", id).param("state", state.name()).param("reason", reason).param("now", Timestamp.from(now))
                .update();
    }

    void nextWave(UUID id, int wave, Instant now) {
        jdbc.sql("UPDATE campaign SET current_wave = :wave, wave_started_at = :now, updated_at = :now WHERE id = :id")
                .param("id", id).param("wave", wave).param("now", Timestamp.from(now)).update();
    }

    /** Failed and final targets, and the size, of one wave. */
    record WaveTally(long size, long failed, long finished) {
    }

    WaveTally tally(UUID campaign, int wave) {
        return jdbc.sql("SELECT count(*) AS size, count(*) FILTER (WHERE state IN (" + TargetState.sqlList(TargetState.Category.FAILED)
                        + ")) AS failed, count(*) FILTER (WHERE state IN (" + finalStates() + ")) AS finished "
                        + "FROM campaign_target WHERE campaign_id = :id AND wave = :wave")
                .param("id", campaign).param("wave", wave)
                .query((rs, row) -> new WaveTally(rs.getLong("size"), rs.getLong("failed"), rs.getLong("finished")))
                .single();
    }

    /** Orders every target of waves up to {@code wave} that has none yet; returns how many. */
    int order(UUID campaign, int wave, Instant now) {
        return jdbc.sql("""
                UPDATE campaign_target SET state = 'ORDERED', ordered_at = :now, issued_at = :now,
                                           wanted_message = 'ORDER', updated_at = :now
                WHERE campaign_id = :id AND wave <= :wave AND state = 'PENDING'
                """).param("id", campaign).param("wave", wave).param("now", Timestamp.from(now)).update();
    }

    /** Takes back the orders not yet started (no status received): outside a window, they wait for the next. */
    int holdBack(UUID campaign, Instant now) {
        return jdbc.sql("""
                UPDATE campaign_target SET state = 'PENDING', ordered_at = NULL, wanted_message = 'WITHDRAWAL',
                                           updated_at = :now
                WHERE campaign_id = :id AND state = 'ORDERED'
                """).param("id", campaign).param("now", Timestamp.from(now)).update();
    }

    /** Withdraws the orders not yet started, for good (halt, cancel); returns how many. */
    int withdrawUnstarted(UUID campaign, String reason, Instant now) {
        return jdbc.sql("""
                WITH withdrawn AS (
                    UPDATE campaign_target SET state = 'WITHDRAWN', reason = :reason, wanted_message = 'WITHDRAWAL',
                                               finished_at = :now, updated_at = :now
                    WHERE campaign_id = :id AND state = 'ORDERED'
                    RETURNING campaign_id, gateway_id
                )
                INSERT INTO campaign_target_event (campaign_id, gateway_id, recorded_at, source, step, reason)
                SELECT campaign_id, gateway_id, :now, 'FLEET', 'WITHDRAWN', :reason FROM withdrawn
                """).param("id", campaign).param("reason", reason).param("now", Timestamp.from(now)).update();
    }

    /**
     * Targets ordered longer than {@code timeoutSeconds} ago without a final status: TIMED_OUT. One
     * that never answered has its order withdrawn, so that it does not install later, uncounted.
     */
    int timeOut(UUID campaign, int timeoutSeconds, Instant now) {
        String reason = "no final status within " + timeoutSeconds + " s of the order";
        return jdbc.sql("""
                WITH late AS (
                    UPDATE campaign_target SET state = 'TIMED_OUT', reason = :reason, finished_at = :now, updated_at = :now,
                           wanted_message = CASE WHEN step IS NULL THEN 'WITHDRAWAL' ELSE wanted_message END
                    WHERE campaign_id = :id AND state IN ('ORDERED', 'IN_PROGRESS', 'CONFIRMING')
                      AND ordered_at < :deadline
                    RETURNING campaign_id, gateway_id
                )
                INSERT INTO campaign_target_event (campaign_id, gateway_id, recorded_at, source, step, reason)
                SELECT campaign_id, gateway_id, :now, 'FLEET', 'TIMED_OUT', :reason FROM late
                """)
                .param("id", campaign).param("reason", reason).param("now", Timestamp.from(now))
                .param("deadline", Timestamp.from(now.minusSeconds(timeoutSeconds))).update();
    }

    static String finalStates() {
        return TargetState.finals().stream().map(state -> "'" + state + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    private Campaign map(ResultSet rs) throws SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("release"),
                rs.getString("sha256"), rs.getLong("size"), rs.getString("signature"),
                json.readValue(rs.getString("settings"), CampaignSettings.class), rs.getInt("wave_count"),
                CampaignState.valueOf(rs.getString("state")), rs.getString("state_reason"), rs.getInt("current_wave"),
                rs.getTimestamp("wave_started_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
