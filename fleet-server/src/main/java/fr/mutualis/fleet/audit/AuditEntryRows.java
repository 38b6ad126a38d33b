package fr.mutualis.fleet.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Reading {@code audit_entry} rows, for the API, the export and the verifier alike. */
final class AuditEntryRows {

    /** Columns in the order {@link #map} reads them; {@code jsonb} as its text. */
    static final String COLUMNS = """
            seq, v, recorded_at, actor, action, target_type, target_id, commune, before::text AS before,
            after::text AS after, prev_hash, commune_prev_hash, hash
            """;

    private AuditEntryRows() {
    }

    /**
     * An entry as stored. {@code before} and {@code after} are brought back to canonical text:
     * {@code jsonb} keeps the value exactly but prints it its own way (member order, spacing).
     */
    static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getInt("v"), rs.getLong("seq"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("commune"), canonical(rs.getString("before")), canonical(rs.getString("after")),
                rs.getString("prev_hash"), rs.getString("commune_prev_hash"), rs.getString("hash"));
    }

    private static String canonical(String jsonb) {
        return jsonb == null ? "null" : CanonicalJson.write(CanonicalJson.parse(jsonb));
    }
}
