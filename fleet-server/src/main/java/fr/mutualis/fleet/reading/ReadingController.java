package fr.mutualis.fleet.reading;

import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Readings of one gateway, in sequence order, page by page ({@code afterSeq} is the last seq already seen). */
@RestController
@RequestMapping("/api/gateways/{gatewayId}/readings")
class ReadingController {

    static final int MAX_LIMIT = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final GatewayDirectory gateways;

    ReadingController(JdbcClient jdbc, JsonMapper json, GatewayDirectory gateways) {
        this.jdbc = jdbc;
        this.json = json;
        this.gateways = gateways;
    }

    @GetMapping
    List<ReadingView> readings(@PathVariable String gatewayId,
                               @RequestParam(defaultValue = "0") long afterSeq,
                               @RequestParam(defaultValue = "100") int limit, CommuneScope scope) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return jdbc.sql("""
                SELECT gateway_id, seq, received_at, stored_at, late, priority, payload, radio::text AS radio
                FROM reading WHERE gateway_id = :id AND seq > :after ORDER BY seq LIMIT :limit
                """)
                .param("id", gatewayId).param("after", afterSeq).param("limit", limit)
                .query((rs, row) -> new ReadingView(
                        rs.getString("gateway_id"), rs.getLong("seq"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("stored_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("late"), rs.getString("priority"), rs.getBytes("payload"),
                        rs.getString("radio") == null ? null : json.readTree(rs.getString("radio"))))
                .list();
    }

    /** Received and missing sequence ranges: the fleet's check that nothing accepted was lost. */
    @GetMapping("/coverage")
    SequenceCoverage coverage(@PathVariable String gatewayId, CommuneScope scope) {
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        // Gaps and islands: within a run of consecutive numbers, seq - row_number() is constant.
        List<SequenceCoverage.Range> received = jdbc.sql("""
                SELECT min(seq) AS first, max(seq) AS last FROM (
                    SELECT seq, seq - row_number() OVER (ORDER BY seq) AS run FROM reading WHERE gateway_id = :id
                ) numbered GROUP BY run ORDER BY first
                """)
                .param("id", gatewayId)
                .query((rs, row) -> new SequenceCoverage.Range(rs.getLong("first"), rs.getLong("last")))
                .list();
        List<SequenceCoverage.Range> missing = new ArrayList<>();
        long expected = 1;
        long stored = 0;
        for (SequenceCoverage.Range range : received) {
            if (range.from() > expected) {
                missing.add(new SequenceCoverage.Range(expected, range.from() - 1));
            }
            expected = range.to() + 1;
            stored += range.size();
        }
        return new SequenceCoverage(stored, expected - 1, received, missing);
    }
}
