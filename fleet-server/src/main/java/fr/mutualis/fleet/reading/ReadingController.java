package fr.mutualis.fleet.reading;

import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/** Readings of one gateway, in sequence order, page by page (the cursor is the last seq already seen). */
@RestController
@RequestMapping("/api/gateways/{gatewayId}/readings")
@Tag(name = "Readings", description = "What gateways received and forwarded, stored once per (gateway, seq).")
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
    @Operation(operationId = "listReadings", summary = "Readings of a gateway",
            description = "Stored readings in sequence order, each exactly once however often the gateway sent it.")
    Page<ReadingView> readings(@PathVariable String gatewayId,
                               @RequestParam(defaultValue = "0") @Min(0) long after,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
                               CommuneScope scope) {
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        List<ReadingView> fetched = jdbc.sql("""
                SELECT gateway_id, seq, received_at, stored_at, late, priority, payload, radio::text AS radio
                FROM reading WHERE gateway_id = :id AND seq > :after ORDER BY seq LIMIT :limit
                """)
                .param("id", gatewayId).param("after", after).param("limit", limit + 1)
                .query((rs, row) -> new ReadingView(
                        rs.getString("gateway_id"), rs.getLong("seq"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("stored_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("late"), rs.getString("priority"), rs.getBytes("payload"),
                        rs.getString("radio") == null ? null : json.readTree(rs.getString("radio"))))
                .list();
        return Page.of(fetched, limit, ReadingView::seq);
    }

    @GetMapping("/coverage")
    @Operation(operationId = "getReadingCoverage", summary = "Sequence coverage of a gateway",
            description = "Received and missing sequence ranges: the fleet's check that nothing the gateway accepted was lost.")
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
