package fr.mutualis.fleet.configuration;

import fr.mutualis.fleet.api.InvalidParameterException;
import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Configuration layers (syndicate defaults, communes, tags, gateway overrides), the pushes their
 * changes cause, and the gateways whose configuration drifts from what is desired. Changing a
 * layer is the bulk push: to every gateway, a commune's, a tag's, or one gateway.
 */
@RestController
@RequestMapping("/api/configuration")
@Tag(name = "Configuration", description = "Layered desired configuration, pushes with their progress, drift.")
class ConfigurationController {

    private static final String LAYER = "The layer: syndicate, commune:<INSEE code>, tag:<tag> or gateway:<gateway id>.";
    private static final String LAYER_RULE = "must be syndicate, commune:<INSEE code>, tag:<tag> or gateway:<gateway id>";

    private final ConfigurationLayers layers;
    private final DesiredConfigurations desired;
    private final PushProgress pushes;
    private final ConfigurationDrift drift;
    private final LayerAccess access;

    ConfigurationController(ConfigurationLayers layers, DesiredConfigurations desired, PushProgress pushes,
                            ConfigurationDrift drift, LayerAccess access) {
        this.layers = layers;
        this.desired = desired;
        this.pushes = pushes;
        this.drift = drift;
        this.access = access;
    }

    @GetMapping("/layers/{layer}")
    @Operation(operationId = "getConfigurationLayer", summary = "A configuration layer",
            description = "Its current revision; revision 0 and no components for a layer never set.")
    LayerView layer(@Parameter(description = LAYER) @PathVariable @Pattern(regexp = LayerId.PATTERN, message = LAYER_RULE) String layer, CommuneScope scope) {
        LayerId id = LayerId.parse(layer);
        access.requireVisible(id, scope);
        return layers.current(id)
                .map(r -> new LayerView(id.toString(), r.revision(), r.components(), r.at(), r.by()))
                .orElse(new LayerView(id.toString(), 0, Map.of(), null, null));
    }

    /** The bulk push: syndicate staff only; commune viewers and technicians read configuration but never change it. */
    @PutMapping("/layers/{layer}")
    @Operation(operationId = "putConfigurationLayer", summary = "Change a configuration layer and push it",
            description = "Replaces the layer's content. It is validated first against the schemas reported by the "
                    + "gateways it reaches (400 with every problem, nothing changed); then each gateway whose "
                    + "configuration changes gets a new desired version, published retained: an offline gateway "
                    + "receives it when it reconnects. The answer is the push with its progress.")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR')")
    PushProgress.View change(@Parameter(description = LAYER) @PathVariable @Pattern(regexp = LayerId.PATTERN, message = LAYER_RULE) String layer,
                             @RequestBody LayerChange change, CommuneScope scope, Actor actor) {
        LayerId id = LayerId.parse(layer);
        String commune = access.requireVisible(id, scope);
        if (change == null || change.components() == null) {
            throw new IllegalArgumentException("the body must be {\"components\": {\"<pid>\": {\"<property>\": value}}}");
        }
        return desired.updateLayer(id, change.components(), commune, actor);
    }

    @GetMapping("/layers/{layer}/diff")
    @Operation(operationId = "diffConfigurationLayer", summary = "Differences between two revisions of a layer",
            description = "Property by property; revision 0 is the empty layer.")
    List<ConfigurationDiff.Change> layerDiff(@Parameter(description = LAYER) @PathVariable @Pattern(regexp = LayerId.PATTERN, message = LAYER_RULE) String layer,
                                             @Parameter(description = "The older revision (default: the one before `to`).")
                                             @RequestParam(required = false) @Min(0) Long from,
                                             @Parameter(description = "The newer revision (default: the current one).")
                                             @RequestParam(required = false) @Min(0) Long to,
                                             CommuneScope scope) {
        LayerId id = LayerId.parse(layer);
        access.requireVisible(id, scope);
        long newer = to != null ? to : layers.current(id).map(ConfigurationLayers.Revision::revision).orElse(0L);
        long older = from != null ? from : Math.max(0, newer - 1);
        return ConfigurationDiff.between(revision(id, "from", older), revision(id, "to", newer));
    }

    @GetMapping("/pushes/{pushId}")
    @Operation(operationId = "getConfigurationPush", summary = "Progress of a push",
            description = "Of the gateways whose configuration the push changed: applied, failed (with reasons), "
                    + "pending, and pending while offline. Counted over the gateways the caller may see.")
    PushProgress.View push(@Parameter(description = "The push id, as the layer change returned it.")
                           @PathVariable UUID pushId, CommuneScope scope) {
        PushProgress.Header header = pushes.header(pushId).filter(h -> h.commune() == null || scope.allows(h.commune()))
                .orElseThrow(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                            "No configuration push " + pushId + ".");
                    problem.setTitle("Unknown push");
                    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
                });
        return pushes.progress(header, scope);
    }

    @GetMapping("/drift")
    @Operation(operationId = "listConfigurationDrift", summary = "Gateways whose configuration drifts",
            description = "Gateways whose reported configuration is not the desired one (another version applied, "
                    + "a version refused or rolled back, not yet received, or values changed locally), by id. "
                    + "People confined to communes must name one of theirs.")
    Page<ConfigurationDrift.View> drift(@Parameter(description = "Only this commune's gateways (INSEE code).")
                                        @RequestParam(required = false) String commune,
                                        @RequestParam(required = false) String after,
                                        @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
                                        CommuneScope scope) {
        return Page.of(drift.list(scope, scope.requireVisible(commune), after, limit + 1), limit,
                ConfigurationDrift.View::gatewayId);
    }

    private Map<String, Map<String, Object>> revision(LayerId id, String parameter, long revision) {
        if (revision == 0) {
            return Map.of();
        }
        return layers.revision(id, revision).map(ConfigurationLayers.Revision::components)
                .orElseThrow(() -> new InvalidParameterException(parameter, revision, "names no revision of layer " + id));
    }
}
