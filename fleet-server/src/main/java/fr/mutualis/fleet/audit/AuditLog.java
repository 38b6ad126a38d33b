package fr.mutualis.fleet.audit;

import fr.mutualis.contract.Identifiers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of operator actions: append-only, hash-chained, queryable, exportable.
 *
 * <p>Appends are serialised by a transaction-scoped PostgreSQL advisory lock, taken before the
 * current heads of the chain are read and held until the caller's transaction ends: whatever the
 * number of servers and threads, entries get consecutive numbers and each names the one before it.
 * Call {@link #record} in the same transaction as the change it records (so that one never commits
 * without the other), as the last statement of a short transaction (the lock is held until commit),
 * and in READ COMMITTED (the default), so that the heads read after the lock are the latest ones.
 */
@Service
public class AuditLog {

    /** Both halves of the advisory lock key; the insert trigger of {@code audit_entry} takes the same lock. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('mutualis'), hashtext('audit_entry'))";
    private static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * Appends an entry and returns it, numbered and hashed.
     *
     * @param action     what was done, "feature.verb" such as {@code downlink.queue}
     * @param targetType the kind of thing acted on, such as {@code gateway}
     * @param commune    the commune concerned, or null for a syndicate-wide action
     * @param before     the state before (any value Jackson can write, a {@link JsonNode}, or null)
     * @param after      the state after, or the request that was accepted (same)
     * @throws IllegalArgumentException when a value cannot be recorded faithfully (see {@link CanonicalJson})
     */
    @Transactional
    public AuditEntry record(Actor actor, String action, String targetType, String targetId, String commune,
                             Object before, Object after) {
        if (actor == null) {
            throw new IllegalArgumentException("an audited action needs an actor (Actor.ANONYMOUS until there is authentication)");
        }
        requireName("action", action);
        requireName("targetType", targetType);
        requireName("targetId", targetId);
        if (commune != null) {
            Identifiers.requireCommune(commune);
        }
        // Canonicalise before taking the lock: it is the only work that depends on the values' size.
        String beforeJson = canonical(before);
        String afterJson = canonical(after);

        jdbc.sql(LOCK).query().listOfRows();
        Head head = jdbc.sql("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
                .query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                .optional().orElse(new Head(0, AuditEntry.GENESIS_HASH));
        String communePrevHash = commune == null ? null
                : jdbc.sql("SELECT hash FROM audit_entry WHERE commune = :commune ORDER BY seq DESC LIMIT 1")
                        .param("commune", commune).query(String.class).optional().orElse(AuditEntry.GENESIS_HASH);
        AuditEntry entry = AuditEntry.chained(head.seq() + 1, clock.instant(), actor.name(), action, targetType,
                targetId, commune, beforeJson, afterJson, head.hash(), communePrevHash);

        jdbc.sql("""
                INSERT INTO audit_entry (seq, v, recorded_at, actor, action, target_type, target_id, commune,
                                         before, after, prev_hash, commune_prev_hash, hash)
                VALUES (:seq, :v, :at, :actor, :action, :targetType, :targetId, :commune,
                        CAST(:before AS jsonb), CAST(:after AS jsonb), :prevHash, :communePrevHash, :hash)
                """)
                .param("seq", entry.seq()).param("v", entry.v())
                .param("at", OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC))
                .param("actor", entry.actor()).param("action", entry.action())
                .param("targetType", entry.targetType()).param("targetId", entry.targetId())
                .param("commune", entry.commune())
                .param("before", sqlJson(entry.before())).param("after", sqlJson(entry.after()))
                .param("prevHash", entry.prevHash()).param("communePrevHash", entry.communePrevHash())
                .param("hash", entry.hash())
                .update();
        return entry;
    }

    private record Head(long seq, String hash) {
    }

    /** Entries matching the query, in log order, one page at a time (keyset pagination on {@code seq}). */
    @Transactional(readOnly = true)
    public AuditPage find(AuditQuery query) {
        List<AuditEntry> entries = jdbc.sql("SELECT " + AuditEntryRows.COLUMNS + """
                FROM audit_entry
                WHERE seq > :after
                  AND (CAST(:commune AS text) IS NULL OR commune = :commune)
                  AND (CAST(:action AS text) IS NULL OR action = :action)
                  AND (CAST(:from AS timestamptz) IS NULL OR recorded_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR recorded_at < :to)
                ORDER BY seq
                LIMIT :limit
                """)
                .param("after", query.after()).param("commune", query.commune()).param("action", query.action())
                .param("from", timestamp(query.from())).param("to", timestamp(query.to()))
                .param("limit", query.limit())
                .query((rs, row) -> AuditEntryRows.map(rs))
                .list();
        Long nextAfter = entries.size() < query.limit() ? null : entries.get(entries.size() - 1).seq();
        return new AuditPage(entries, nextAfter);
    }

    /**
     * Writes the entries of one commune (or of the whole log when {@code commune} is null) as JSON
     * Lines, in log order, streaming from a database cursor; returns how many were written.
     */
    @Transactional(readOnly = true)
    public long export(String commune, OutputStream out) {
        if (commune != null) {
            Identifiers.requireCommune(commune);
        }
        long[] written = {0};
        jdbc.sql("SELECT " + AuditEntryRows.COLUMNS
                        + " FROM audit_entry WHERE CAST(:commune AS text) IS NULL OR commune = :commune ORDER BY seq")
                .withFetchSize(EXPORT_FETCH_SIZE)
                .param("commune", commune)
                .query(rs -> {
                    try {
                        out.write(AuditEntryRows.map(rs).exportLine().getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException("the export's reader went away", e);
                    }
                    written[0]++;
                });
        return written[0];
    }

    private String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        JsonNode tree = value instanceof JsonNode node ? node : json.valueToTree(value);
        return CanonicalJson.write(tree);
    }

    private static String sqlJson(String canonicalJson) {
        return "null".equals(canonicalJson) ? null : canonicalJson;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be 1 to 200 characters without control characters");
        }
    }
}
