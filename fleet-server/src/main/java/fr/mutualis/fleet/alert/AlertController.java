package fr.mutualis.fleet.alert;

import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.HistoryWindow;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts of the whole fleet or of one gateway, newest first; {@code state} is {@code open} or
 * {@code resolved}, {@code before} an alert id (the next page: the last id of the previous one).
 */
@RestController
@Tag(name = "Alerts", description = "Offline, stale, growing backlog and disk nearly full: opened and resolved by themselves.")
class AlertController {

    private final Alerts alerts;
    private final GatewayDirectory gateways;

    AlertController(Alerts alerts, GatewayDirectory gateways) {
        this.alerts = alerts;
        this.gateways = gateways;
    }

    @GetMapping("/api/alerts")
    @Operation(operationId = "listAlerts", summary = "Alerts of the fleet or of a commune",
            description = "Newest first. People confined to communes must name one of theirs.")
    List<AlertView> alerts(@Parameter(description = "Only this commune's alerts (INSEE code).")
                           @RequestParam(required = false) String commune,
                           @Parameter(description = "open or resolved.")
                           @RequestParam(required = false) String state,
                           @Parameter(description = "offline, stale, backlog-growing or disk-nearly-full.")
                           @RequestParam(required = false) String kind,
                           @Parameter(description = "Only alerts older than this alert id (the next page).")
                           @RequestParam(required = false) Long before,
                           @RequestParam(required = false) Integer limit,
                           CommuneScope scope) {
        return alerts.list(scope.requireVisible(commune), null, state(state), kind(kind), before, limit(limit));
    }

    @GetMapping("/api/gateways/{gatewayId}/alerts")
    @Operation(operationId = "listGatewayAlerts", summary = "Alerts of a gateway", description = "Newest first.")
    List<AlertView> gatewayAlerts(@PathVariable String gatewayId,
                                  @Parameter(description = "open or resolved.")
                                  @RequestParam(required = false) String state,
                                  @Parameter(description = "offline, stale, backlog-growing or disk-nearly-full.")
                                  @RequestParam(required = false) String kind,
                                  @Parameter(description = "Only alerts older than this alert id (the next page).")
                                  @RequestParam(required = false) Long before,
                                  @RequestParam(required = false) Integer limit,
                                  CommuneScope scope) {
        Alerts.State parsedState = state(state);
        AlertKind parsedKind = kind(kind);
        int size = limit(limit);
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return alerts.list(null, gatewayId, parsedState, parsedKind, before, size);
    }

    private static Alerts.State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return Alerts.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be open or resolved, not '" + state + "'");
        }
    }

    private static AlertKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return AlertKind.valueOf(kind.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be one of " + List.of(AlertKind.values()) + ", not '" + kind + "'");
        }
    }

    private static int limit(Integer limit) {
        // same bounds as the history pages
        return HistoryWindow.of(null, null, limit).limit();
    }
}
