package fr.mutualis.fleet.reading;

import fr.mutualis.contract.Reading;
import fr.mutualis.fleet.gateway.GatewayPresence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores readings exactly once. Delivery from gateways is at-least-once, so the same
 * {@code (gateway, seq)} may arrive several times; the primary key keeps the first copy and the
 * others are counted as duplicates.
 */
@Service
public class ReadingIngest {

    private static final String INSERT = """
            INSERT INTO reading (gateway_id, seq, received_at, late, priority, payload, radio)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (gateway_id, seq) DO NOTHING
            """;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final GatewayPresence presence;
    private final Counter stored;
    private final Counter duplicates;

    ReadingIngest(JdbcTemplate jdbcTemplate, JdbcClient jdbc, JsonMapper json, GatewayPresence presence,
                  MeterRegistry meters) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.json = json;
        this.presence = presence;
        this.stored = meters.counter("mutualis.readings.stored");
        this.duplicates = meters.counter("mutualis.readings.duplicates");
    }

    /** Stores the readings of one gateway in one transaction; returns how many were new. */
    @Transactional
    public int ingest(String gatewayId, String commune, List<Reading> readings) {
        if (readings.isEmpty()) {
            return 0;
        }
        ensureGatewayKnown(gatewayId, commune);
        int[][] counts = jdbcTemplate.batchUpdate(INSERT, readings, readings.size(), (statement, reading) -> {
            statement.setString(1, gatewayId);
            statement.setLong(2, reading.seq());
            statement.setObject(3, OffsetDateTime.ofInstant(reading.receivedAt(), ZoneOffset.UTC));
            statement.setBoolean(4, reading.late());
            statement.setString(5, reading.priority().name());
            statement.setBytes(6, reading.payload());
            statement.setString(7, reading.radio() == null ? null : json.writeValueAsString(reading.radio()));
        });
        int inserted = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                inserted += count;
            }
        }
        Instant newest = readings.stream().map(Reading::receivedAt).max(Instant::compareTo).orElseThrow();
        jdbc.sql("""
                UPDATE gateway SET reading_count = reading_count + :inserted,
                    last_reading_at = GREATEST(last_reading_at, :newest), last_seen_at = :now
                WHERE id = :id
                """)
                .param("inserted", inserted).param("newest", Timestamp.from(newest))
                .param("now", Timestamp.from(Instant.now())).param("id", gatewayId)
                .update();
        // A sign of life: brings a stale gateway back, in this transaction (no commit of its own).
        presence.onActivity(gatewayId);
        stored.increment(inserted);
        duplicates.increment(readings.size() - inserted);
        return inserted;
    }

    /**
     * Registers a gateway whose traffic arrives before its birth (the fleet's session replays what it
     * missed; messages on different topics may overtake each other) as offline until its birth is
     * seen: whatever it sent is then stored, never dropped for want of a row.
     */
    public void ensureGatewayKnown(String gatewayId, String commune) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at)
                VALUES (:id, :commune, 'OFFLINE', 'no birth seen yet', :now, :now, :now)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", gatewayId).param("commune", commune).param("now", now)
                .update();
    }
}
