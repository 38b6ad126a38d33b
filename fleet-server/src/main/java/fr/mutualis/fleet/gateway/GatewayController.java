package fr.mutualis.fleet.gateway;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.api.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gateway registry with presence. */
@RestController
@RequestMapping("/api/gateways")
@Tag(name = "Gateways", description = "The registry of gateways and their presence (online or offline).")
class GatewayController {

    static final int MAX_LIMIT = 500;

    private final GatewayDirectory directory;

    GatewayController(GatewayDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    @Operation(operationId = "listGateways", summary = "List gateways",
            description = "Gateways in id order, without their health reports, optionally of one commune and in one state.")
    Page<GatewayView> gateways(
            @Parameter(description = "Only the gateways of this commune (INSEE code).")
            @RequestParam(required = false)
            @Pattern(regexp = Identifiers.INSEE_CODE_REGEX,
                    message = "must be an INSEE commune code such as 35238 or 2A004")
            String commune,
            @Parameter(description = "Only the gateways in this state.")
            @RequestParam(required = false) GatewayStatus status,
            @RequestParam(required = false)
            @Pattern(regexp = Identifiers.GATEWAY_ID_REGEX,
                    message = "must be a gateway id: 1-64 characters among a-z, 0-9 and -, not starting with -")
            String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
        return Page.of(directory.list(commune, status, after, limit + 1), limit, GatewayView::id);
    }

    @GetMapping("/{gatewayId}")
    @Operation(operationId = "getGateway", summary = "One gateway",
            description = "A gateway with its software versions and its latest health report.")
    GatewayView gateway(@PathVariable String gatewayId) {
        return directory.find(gatewayId).orElseThrow(() -> new UnknownGatewayException(gatewayId));
    }
}
