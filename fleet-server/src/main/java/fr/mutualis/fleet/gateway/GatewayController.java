package fr.mutualis.fleet.gateway;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import fr.mutualis.fleet.commune.CommuneDirectory;
import fr.mutualis.fleet.commune.Site;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gateway registry with presence, as far as the caller's communes go. */
@RestController
@RequestMapping("/api/gateways")
@Tag(name = "Gateways", description = "The registry of gateways and their presence (online or offline).")
class GatewayController {

    static final int MAX_LIMIT = 500;
    private static final java.util.regex.Pattern EUI = java.util.regex.Pattern.compile("[0-9a-f]{16}");
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final GatewayDirectory directory;
    private final CommuneDirectory communes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    GatewayController(GatewayDirectory directory, CommuneDirectory communes, AuditLog audit,
                      ApplicationEventPublisher events) {
        this.directory = directory;
        this.communes = communes;
        this.audit = audit;
        this.events = events;
    }

    /** What a technician or an operator records about a gateway; absent fields stay as they are. */
    record RegistryChange(UUID siteId, String eui, String hardware, List<String> tags) {
    }

    @GetMapping
    @Operation(operationId = "listGateways", summary = "List gateways",
            description = "Gateways of the caller's communes in id order, without their health reports, optionally "
                    + "of one commune and in one state.")
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
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
            CommuneScope scope) {
        return Page.of(directory.list(scope, commune, status, after, limit + 1), limit, GatewayView::id);
    }

    @GetMapping("/{gatewayId}")
    @Operation(operationId = "getGateway", summary = "One gateway",
            description = "A gateway with its software versions and its latest health report.")
    GatewayView gateway(@PathVariable String gatewayId, CommuneScope scope) {
        return directory.find(scope, gatewayId).orElseThrow(() -> new UnknownGatewayException(gatewayId));
    }

    @PatchMapping("/{gatewayId}")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR', 'FIELD_TECHNICIAN')")
    @Operation(operationId = "updateGateway", summary = "Record a gateway's site, EUI, hardware or tags",
            description = "Syndicate staff, and technicians in their communes. Absent fields stay as they are; the "
                    + "site must be in the gateway's commune.")
    @Transactional
    GatewayView update(@PathVariable String gatewayId, @RequestBody RegistryChange change, CommuneScope scope,
                       Actor actor) {
        GatewayView gateway = directory.find(scope, gatewayId).orElseThrow(() -> new UnknownGatewayException(gatewayId));
        if (change.siteId() != null) {
            Site site = communes.site(scope, change.siteId())
                    .orElseThrow(() -> new IllegalArgumentException("no site " + change.siteId() + " is known to you"));
            if (!site.commune().equals(gateway.commune())) {
                throw new IllegalArgumentException("site '" + site.name() + "' is in commune " + site.commune()
                        + ", the gateway in " + gateway.commune());
            }
        }
        if (change.eui() != null && !EUI.matcher(change.eui()).matches()) {
            throw new IllegalArgumentException("eui must be 16 lower-case hex digits");
        }
        if (change.hardware() != null && change.hardware().length() > 100) {
            throw new IllegalArgumentException("hardware must be at most 100 characters");
        }
        if (change.tags() != null) {
            change.tags().stream().filter(tag -> tag == null || !TAG.matcher(tag).matches()).findFirst()
                    .ifPresent(tag -> {
                        throw new IllegalArgumentException("tag '" + tag + "' must be 1-32 characters among a-z, 0-9,"
                                + " '_', '-'");
                    });
        }
        directory.updateRegistry(gatewayId, change.siteId(), change.eui(), change.hardware(), change.tags());
        GatewayView updated = directory.find(scope, gatewayId).orElseThrow();
        audit.record(actor, "gateway.update", "gateway", gatewayId, gateway.commune(),
                new RegistryChange(gateway.siteId(), gateway.eui(), gateway.hardware(), gateway.tags()),
                new RegistryChange(updated.siteId(), updated.eui(), updated.hardware(), updated.tags()));
        events.publishEvent(new GatewayRegistryChanged(gatewayId));
        return updated;
    }
}
