package fr.mutualis.fleet.alert;

import fr.mutualis.fleet.database.BatchedDelete;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The alert table: opening (deduplicated: one open alert per gateway and kind, enforced by a
 * unique index), resolving, listing and retention.
 */
@Repository
public class Alerts {

    /** Open or resolved, as the API's {@code state} parameter names them. */
    public enum State { OPEN, RESOLVED }

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens an alert unless one of this kind is open for the gateway; returns whether it opened one. */
    boolean open(String gatewayId, AlertKind kind, String detail, Instant at) {
        // The NOT EXISTS spares a sequence number per repeated report; the index settles any race.
        return jdbc.sql("""
                INSERT INTO alert (gateway_id, kind, condition_since, opened_at, detail)
                SELECT :gateway, :kind, :at, :at, :detail
                WHERE NOT EXISTS (SELECT 1 FROM alert WHERE gateway_id = :gateway AND kind = :kind AND resolved_at IS NULL)
                ON CONFLICT (gateway_id, kind) WHERE resolved_at IS NULL DO NOTHING
                """)
                .param("gateway", gatewayId).param("kind", kind.name()).param("at", Timestamp.from(at))
                .param("detail", detail)
                .update() == 1;
    }

    /** Resolves the gateway's open alert of this kind, if any; returns whether there was one. */
    boolean resolve(String gatewayId, AlertKind kind, Instant at) {
        return jdbc.sql("""
                UPDATE alert SET resolved_at = greatest(opened_at, :at)
                WHERE gateway_id = :gateway AND kind = :kind AND resolved_at IS NULL
                """)
                .param("gateway", gatewayId).param("kind", kind.name()).param("at", Timestamp.from(at))
                .update() == 1;
    }

    /** Counts of what {@link #reconcilePresence} did. */
    record Reconciliation(int resolved, int openedOffline, int openedStale) {
    }

    /**
     * Brings the presence alerts in line with the gateways' states. An alert belongs to one period
     * in a state (its {@code condition_since}): it resolves when the gateway left that state, even
     * if it has since re-entered it, at the time of the first transition out of it. Its opening
     * time is when the condition began to hold, so neither time depends on when this runs.
     */
    Reconciliation reconcilePresence(Instant now, Duration offlineAfter) {
        int resolved = jdbc.sql("""
                UPDATE alert a SET resolved_at = greatest(a.opened_at, coalesce(
                        (SELECT min(t.at) FROM presence_transition t
                         WHERE t.gateway_id = a.gateway_id AND t.from_status = a.kind AND t.at >= a.condition_since),
                        :now))
                FROM gateway g
                WHERE g.id = a.gateway_id AND a.resolved_at IS NULL AND a.kind IN ('OFFLINE', 'STALE')
                  AND (g.status <> a.kind OR g.status_changed_at <> a.condition_since)
                """)
                .param("now", Timestamp.from(now))
                .update();
        int offline = jdbc.sql("""
                INSERT INTO alert (gateway_id, kind, condition_since, opened_at, detail)
                SELECT g.id, 'OFFLINE', g.status_changed_at, g.status_changed_at + make_interval(secs => :seconds),
                       format('offline (%s) for more than %s s', g.status_reason, :seconds)
                FROM gateway g
                WHERE g.status = 'OFFLINE' AND g.status_changed_at <= :threshold
                  AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.gateway_id = g.id AND a.kind = 'OFFLINE'
                                  AND a.resolved_at IS NULL)
                ON CONFLICT (gateway_id, kind) WHERE resolved_at IS NULL DO NOTHING
                """)
                .param("seconds", offlineAfter.toSeconds())
                .param("threshold", Timestamp.from(now.minus(offlineAfter)))
                .update();
        int stale = jdbc.sql("""
                INSERT INTO alert (gateway_id, kind, condition_since, opened_at, detail)
                SELECT g.id, 'STALE', g.status_changed_at, g.status_changed_at,
                       format('%s (last message at %s)', g.status_reason,
                              to_char(g.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                FROM gateway g
                WHERE g.status = 'STALE'
                  AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.gateway_id = g.id AND a.kind = 'STALE'
                                  AND a.resolved_at IS NULL)
                ON CONFLICT (gateway_id, kind) WHERE resolved_at IS NULL DO NOTHING
                """)
                .update();
        return new Reconciliation(resolved, offline, stale);
    }

    /**
     * Alerts newest first (by when they were detected), each filter optional.
     *
     * @param before an alert id: only older alerts (the next page)
     */
    public List<AlertView> list(String commune, String gatewayId, State state, AlertKind kind, Long before,
                                int limit) {
        return jdbc.sql("""
                SELECT a.id, a.gateway_id, g.commune, a.kind, a.opened_at, a.resolved_at, a.detail
                FROM alert a JOIN gateway g ON g.id = a.gateway_id
                WHERE (CAST(:commune AS text) IS NULL OR g.commune = :commune)
                  AND (CAST(:gateway AS text) IS NULL OR a.gateway_id = :gateway)
                  AND (CAST(:state AS text) IS NULL OR (a.resolved_at IS NULL) = (:state = 'OPEN'))
                  AND (CAST(:kind AS text) IS NULL OR a.kind = :kind)
                  AND (CAST(:before AS bigint) IS NULL OR a.id < :before)
                ORDER BY a.id DESC LIMIT :limit
                """)
                .param("commune", commune).param("gateway", gatewayId)
                .param("state", state == null ? null : state.name()).param("kind", kind == null ? null : kind.name())
                .param("before", before).param("limit", limit)
                .query((rs, row) -> view(rs))
                .list();
    }

    /**
     * Deletes alerts resolved before {@code cutoff}; open alerts are kept whatever their age.
     *
     * @return alerts deleted
     */
    long purgeResolvedBefore(Instant cutoff) {
        return BatchedDelete.untilDone(jdbc, """
                DELETE FROM alert WHERE id IN (SELECT id FROM alert WHERE resolved_at < :cutoff LIMIT :batch)
                """, cutoff);
    }

    private static AlertView view(ResultSet rs) throws SQLException {
        Instant opened = rs.getObject("opened_at", OffsetDateTime.class).toInstant();
        OffsetDateTime resolvedValue = rs.getObject("resolved_at", OffsetDateTime.class);
        Instant resolved = resolvedValue == null ? null : resolvedValue.toInstant();
        long duration = Math.max(0, Duration.between(opened, resolved == null ? Instant.now() : resolved).toSeconds());
        return new AlertView(rs.getLong("id"), rs.getString("gateway_id"), rs.getString("commune"),
                AlertKind.valueOf(rs.getString("kind")), resolved == null ? "OPEN" : "RESOLVED", opened, resolved,
                duration, rs.getString("detail"));
    }
}
