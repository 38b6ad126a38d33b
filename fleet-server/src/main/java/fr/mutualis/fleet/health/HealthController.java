package fr.mutualis.fleet.health;

import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.HistoryWindow;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A gateway's health history, newest first: {@code from} (inclusive) and {@code to} (exclusive)
 * are ISO-8601 instants of the fleet's reception; the next page is {@code to=} the last
 * {@code receivedAt} of the previous one.
 */
@RestController
@Tag(name = "Health", description = "Health reports of gateways, kept for the retention period.")
@RequestMapping("/api/gateways/{gatewayId}/health")
class HealthController {

    private final HealthHistory history;
    private final GatewayDirectory gateways;

    HealthController(HealthHistory history, GatewayDirectory gateways) {
        this.history = history;
        this.gateways = gateways;
    }

    @GetMapping
    @Operation(operationId = "listHealthReports", summary = "Health history of a gateway", description = "Newest first.")
    List<HealthView> reports(@PathVariable String gatewayId,
                             @Parameter(description = "From this instant (ISO-8601), inclusive.")
                             @RequestParam(required = false) Instant from,
                             @Parameter(description = "Until this instant (ISO-8601), exclusive.")
                             @RequestParam(required = false) Instant to,
                             @RequestParam(required = false) Integer limit, CommuneScope scope) {
        HistoryWindow window = HistoryWindow.of(from, to, limit);
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return history.page(gatewayId, window);
    }
}
