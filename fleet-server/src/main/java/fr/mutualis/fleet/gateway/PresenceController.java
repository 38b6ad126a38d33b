package fr.mutualis.fleet.gateway;

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

/** A gateway's presence history, newest first. */
@RestController
@Tag(name = "Gateways")
@RequestMapping("/api/gateways/{gatewayId}/presence")
class PresenceController {

    private final PresenceHistory history;
    private final GatewayDirectory gateways;

    PresenceController(PresenceHistory history, GatewayDirectory gateways) {
        this.history = history;
        this.gateways = gateways;
    }

    @GetMapping
    @Operation(operationId = "listPresenceTransitions", summary = "Presence changes of a gateway", description = "Newest first.")
    List<PresenceTransitionView> transitions(@PathVariable String gatewayId,
                                             @Parameter(description = "From this instant (ISO-8601), inclusive.")
                                             @RequestParam(required = false) Instant from,
                                             @Parameter(description = "Until this instant (ISO-8601), exclusive.")
                                             @RequestParam(required = false) Instant to,
                                             @RequestParam(required = false) Integer limit, CommuneScope scope) {
        HistoryWindow window = HistoryWindow.of(from, to, limit);
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return history.list(gatewayId, window.from(), window.to(), window.limit());
    }
}
