package fr.mutualis.fleet.gateway;

import fr.mutualis.fleet.database.BatchedDelete;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The presence history (status changes) and its retention, with the sessions it refers to. */
@Repository
public class PresenceHistory {

    private final JdbcClient jdbc;

    PresenceHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Transitions of one gateway with {@code from <= at < to}, newest first. */
    public List<PresenceTransitionView> list(String gatewayId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                SELECT id, gateway_id, at, from_status, to_status, reason, session FROM presence_transition
                WHERE gateway_id = :id AND at >= :from AND at < :to
                ORDER BY at DESC, id DESC LIMIT :limit
                """)
                .param("id", gatewayId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("limit", limit)
                .query((rs, row) -> new PresenceTransitionView(rs.getLong("id"), rs.getString("gateway_id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("reason"), rs.getString("session")))
                .list();
    }

    /**
     * Deletes transitions and ended sessions older than {@code cutoff}, in small batches so that
     * no long transaction holds back the message handling.
     *
     * @return rows deleted
     */
    public long purgeBefore(Instant cutoff) {
        long deleted = 0;
        deleted += BatchedDelete.untilDone(jdbc, """
                DELETE FROM presence_transition WHERE id IN (
                    SELECT id FROM presence_transition WHERE at < :cutoff ORDER BY at LIMIT :batch)
                """, cutoff);
        deleted += BatchedDelete.untilDone(jdbc, """
                DELETE FROM gateway_session WHERE (gateway_id, session) IN (
                    SELECT gateway_id, session FROM gateway_session WHERE ended_at < :cutoff LIMIT :batch)
                """, cutoff);
        return deleted;
    }
}
