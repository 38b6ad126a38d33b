package fr.mutualis.fleet.action;

import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The actions one gateway took on its own, in its order, page by page (the cursor is the last sequence seen). */
@RestController
@RequestMapping("/api/gateways/{gatewayId}/actions")
@Tag(name = "Local actions", description = "What gateways did on their own (lighting, alarms, overrides), reported after the fact.")
class LocalActionController {

    static final int MAX_LIMIT = 1000;
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final GatewayDirectory gateways;

    LocalActionController(JdbcClient jdbc, JsonMapper json, GatewayDirectory gateways) {
        this.jdbc = jdbc;
        this.json = json;
        this.gateways = gateways;
    }

    @GetMapping
    @Operation(operationId = "listLocalActions", summary = "Local actions of a gateway",
            description = "Actions in the gateway's order (sequence), each once however often the gateway reported it.")
    Page<LocalActionView> actions(@PathVariable String gatewayId,
                                  @RequestParam(defaultValue = "0") @Min(0) long after,
                                  @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
                                  CommuneScope scope) {
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        List<LocalActionView> fetched = jdbc.sql("""
                SELECT gateway_id, sequence, acted_at, kind, subject, details::text AS details, received_at
                FROM gateway_action WHERE gateway_id = :id AND sequence > :after ORDER BY sequence LIMIT :limit
                """)
                .param("id", gatewayId).param("after", after).param("limit", limit + 1)
                .query((rs, row) -> new LocalActionView(rs.getString("gateway_id"), rs.getLong("sequence"),
                        rs.getObject("acted_at", OffsetDateTime.class).toInstant(), rs.getString("kind"),
                        rs.getString("subject"), json.readValue(rs.getString("details"), DETAILS),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant()))
                .list();
        return Page.of(fetched, limit, LocalActionView::sequence);
    }
}
