package fr.mutualis.fleet.health;

import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.HistoryWindow;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
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
@RequestMapping("/api/gateways/{gatewayId}/health")
class HealthController {

    private final HealthHistory history;
    private final GatewayDirectory gateways;

    HealthController(HealthHistory history, GatewayDirectory gateways) {
        this.history = history;
        this.gateways = gateways;
    }

    @GetMapping
    List<HealthView> reports(@PathVariable String gatewayId,
                             @RequestParam(required = false) Instant from,
                             @RequestParam(required = false) Instant to,
                             @RequestParam(required = false) Integer limit) {
        HistoryWindow window = HistoryWindow.of(from, to, limit);
        if (gateways.find(gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return history.page(gatewayId, window);
    }
}
