package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.ReportedComponent;
import fr.mutualis.fleet.api.InvalidParameterException;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.GatewayView;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One gateway's configuration: desired (its layers merged), reported, drift, and differences between versions. */
@RestController
@RequestMapping("/api/gateways/{gatewayId}/configuration")
@Tag(name = "Configuration")
// Each view is built from one snapshot: during a push, reads apart could compare the reported
// values with a desired version older than the one already published.
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class GatewayConfigurationController {

    private final GatewayDirectory directory;
    private final GatewayConfigurations gateways;
    private final DesiredConfigurations desired;

    GatewayConfigurationController(GatewayDirectory directory, GatewayConfigurations gateways,
                                   DesiredConfigurations desired) {
        this.directory = directory;
        this.gateways = gateways;
        this.desired = desired;
    }

    @GetMapping
    @Operation(operationId = "getGatewayConfiguration", summary = "A gateway's configuration",
            description = "Desired (with the layer that sets each value), reported (versions, outcome, error, values) "
                    + "and the drift between them.")
    GatewayConfigurationView configuration(@PathVariable String gatewayId, CommuneScope scope) {
        GatewayView gateway = visible(gatewayId, scope);
        GatewayConfigurations.Target target = gateways.target(gatewayId).orElseThrow();
        GatewayConfigurations.State state = gateways.state(gatewayId).orElse(null);
        Map<String, Map<String, Object>> wanted = gateways.desiredComponents(gatewayId, target.desiredVersion());
        EffectiveConfiguration effective = desired.effective(target);
        Map<String, String> origins = ConfigurationDiff.between(wanted, effective.components()).isEmpty()
                ? effective.origins() : Map.of();
        GatewayConfigurationView.Reported reported = state == null ? null : new GatewayConfigurationView.Reported(
                state.appliedVersion(), state.attemptedVersion(), state.outcome(), state.error(), state.reportedAt(),
                state.reportedValues());
        List<ConfigurationDiff.Change> drift = state == null || state.reportedAt() == null ? List.of()
                : drift(wanted, state.reportedValues());
        boolean inSync = target.desiredVersion() == null
                ? state == null || state.appliedVersion() == 0
                : state != null && state.appliedVersion() == target.desiredVersion() && drift.isEmpty();
        return new GatewayConfigurationView(gatewayId, gateway.commune(), target.desiredVersion(),
                state == null ? null : state.publishedVersion(), wanted, origins, reported, drift, inSync);
    }

    @GetMapping("/diff")
    @Operation(operationId = "diffGatewayConfiguration", summary = "Differences between two desired versions",
            description = "Property by property; version 0 is the installer's configuration (nothing managed).")
    List<ConfigurationDiff.Change> diff(@PathVariable String gatewayId,
                                        @Parameter(description = "The older version (default: the applied one).")
                                        @RequestParam(required = false) @Min(0) Long from,
                                        @Parameter(description = "The newer version (default: the desired one).")
                                        @RequestParam(required = false) @Min(0) Long to,
                                        CommuneScope scope) {
        visible(gatewayId, scope);
        GatewayConfigurations.State state = gateways.state(gatewayId).orElse(null);
        long newer = to != null ? to : state == null || state.desiredVersion() == null ? 0 : state.desiredVersion();
        long older = from != null ? from : state == null ? 0 : state.appliedVersion();
        return ConfigurationDiff.between(version(gatewayId, "from", older), version(gatewayId, "to", newer));
    }

    private GatewayView visible(String gatewayId, CommuneScope scope) {
        return directory.find(scope, gatewayId).orElseThrow(() -> new UnknownGatewayException(gatewayId));
    }

    private Map<String, Map<String, Object>> version(String gatewayId, String parameter, long version) {
        if (version == 0) {
            return Map.of();
        }
        return gateways.version(gatewayId, version).map(GatewayConfigurations.Version::components)
                .orElseThrow(() -> new InvalidParameterException(parameter, version,
                        "names no configuration version of gateway '" + gatewayId + "'"));
    }

    /** Desired properties whose reported value differs; passwords are reported masked and not compared. */
    private static List<ConfigurationDiff.Change> drift(Map<String, Map<String, Object>> wanted,
                                                        Map<String, Map<String, Object>> reported) {
        return ConfigurationDiff.between(reported, wanted).stream()
                .filter(change -> wanted.getOrDefault(change.pid(), Map.of()).containsKey(change.property()))
                .filter(change -> !ReportedComponent.MASKED.equals(change.before()))
                .toList();
    }
}
