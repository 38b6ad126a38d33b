package fr.mutualis.fleet.gateway;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A gateway's presence history, newest first. */
@RestController
@RequestMapping("/api/gateways/{gatewayId}/presence")
class PresenceController {

    private final PresenceHistory history;
    private final GatewayDirectory gateways;

    PresenceController(PresenceHistory history, GatewayDirectory gateways) {
        this.history = history;
        this.gateways = gateways;
    }

    @GetMapping
    List<PresenceTransitionView> transitions(@PathVariable String gatewayId,
                                             @RequestParam(required = false) Instant from,
                                             @RequestParam(required = false) Instant to,
                                             @RequestParam(required = false) Integer limit) {
        HistoryWindow window = HistoryWindow.of(from, to, limit);
        if (gateways.find(gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return history.list(gatewayId, window.from(), window.to(), window.limit());
    }
}
