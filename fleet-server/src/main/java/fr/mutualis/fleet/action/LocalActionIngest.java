package fr.mutualis.fleet.action;

import fr.mutualis.contract.LocalAction;
import fr.mutualis.fleet.reading.ReadingIngest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the actions a gateway took on its own, exactly once per {@code (gateway, sequence)}: the
 * gateway sends again whatever the broker did not acknowledge, so duplicates are expected and
 * counted, not errors.
 */
@Service
public class LocalActionIngest {

    private static final Logger log = LoggerFactory.getLogger(LocalActionIngest.class);

    private static final String INSERT = """
            INSERT INTO gateway_action (gateway_id, sequence, acted_at, kind, subject, details, received_at)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
            ON CONFLICT (gateway_id, sequence) DO NOTHING
            """;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ReadingIngest readings;
    private final Counter stored;
    private final Counter duplicates;

    LocalActionIngest(JdbcTemplate jdbc, JsonMapper json, ReadingIngest readings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.readings = readings;
        this.json = json;
        this.stored = meters.counter("mutualis.actions.stored");
        this.duplicates = meters.counter("mutualis.actions.duplicates");
    }

    /** Stores one gateway's batch in one transaction; returns how many actions were new. */
    @Transactional
    public int record(String gatewayId, String commune, List<LocalAction> actions) {
        if (actions.isEmpty()) {
            return 0;
        }
        readings.ensureGatewayKnown(gatewayId, commune);
        Timestamp now = Timestamp.from(Instant.now());
        int[][] counts = jdbc.batchUpdate(INSERT, actions, actions.size(), (statement, action) -> {
            statement.setString(1, gatewayId);
            statement.setLong(2, action.sequence());
            statement.setTimestamp(3, Timestamp.from(action.at()));
            statement.setString(4, action.kind());
            statement.setString(5, action.subject());
            statement.setString(6, json.writeValueAsString(action.details()));
            statement.setTimestamp(7, now);
        });
        int inserted = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                inserted += count;
            }
        }
        stored.increment(inserted);
        duplicates.increment(actions.size() - inserted);
        if (inserted > 0) {
            log.info("Gateway {} reported {} local action(s), up to sequence {}", gatewayId, inserted,
                    actions.get(actions.size() - 1).sequence());
        }
        return inserted;
    }
}
