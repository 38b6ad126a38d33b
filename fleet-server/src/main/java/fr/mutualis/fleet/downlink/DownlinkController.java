package fr.mutualis.fleet.downlink;

import fr.mutualis.contract.Txpk;
import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.GatewayView;
import fr.mutualis.fleet.pki.EnrolledIdentities;
import fr.mutualis.fleet.security.CommuneScope;
import org.springframework.security.access.prepost.PreAuthorize;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downlinks for one gateway's concentrator: the body of a POST is a packet-forwarder {@code txpk}
 * object, so that a network server's downlink passes through unchanged. The answer is 202: the
 * outcome arrives later from the gateway and is read back with GET.
 */
@RestController
@RequestMapping("/api/gateways/{gatewayId}/downlinks")
@Tag(name = "Downlinks", description = "Packets sent to a gateway's concentrator, and what became of each.")
class DownlinkController {

    static final int MAX_LIMIT = 500;

    private final DownlinkQueue downlinks;
    private final GatewayDirectory gateways;
    private final EnrolledIdentities identities;

    DownlinkController(DownlinkQueue downlinks, GatewayDirectory gateways, EnrolledIdentities identities) {
        this.identities = identities;
        this.downlinks = downlinks;
        this.gateways = gateways;
    }

    /** Syndicate staff and technicians (testing a device on site) may send downlinks; commune viewers may not. */
    @PostMapping
    @Operation(operationId = "queueDownlink", summary = "Queue a downlink",
            description = "The body is a packet-forwarder txpk (Semtech UDP protocol; its fields and checks are in "
                    + "docs/protocol.md). It is validated, stored and published to the gateway; the outcome (the "
                    + "concentrator's TX_ACK or the gateway's own verdict) is read back with GET.")
    @ApiResponse(responseCode = "202", description = "Queued; Location names the downlink.",
            headers = @Header(name = "Location", description = "The downlink's URL.", schema = @Schema(type = "string")))
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR', 'FIELD_TECHNICIAN')")
    ResponseEntity<DownlinkView> queue(@PathVariable String gatewayId, @RequestBody Txpk txpk, CommuneScope scope,
                                       Actor actor) {
        GatewayView gateway = gateways.find(scope, gatewayId).orElseThrow(() -> new UnknownGatewayException(gatewayId));
        identities.refusal(gateway.id(), gateway.commune())
                .filter(reason -> reason.equals("revoked") || reason.equals("certificate-expired"))
                .ifPresent(reason -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Gateway " + gatewayId
                            + " cannot receive downlinks: " + (reason.equals("revoked") ? "it was revoked"
                            : "its certificate expired") + ". Enrol it again first.");
                    problem.setTitle("Gateway not reachable");
                    throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
                });
        DownlinkView queued = downlinks.queue(gateway, txpk, actor);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/gateways/" + gatewayId + "/downlinks/" + queued.id()))
                .body(queued);
    }

    @GetMapping
    @Operation(operationId = "listDownlinks", summary = "Downlinks of a gateway", description = "Downlinks with their outcome, newest first.")
    Page<DownlinkView> recent(@PathVariable String gatewayId,
                              @RequestParam(required = false) UUID after,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit,
                              CommuneScope scope) {
        if (gateways.find(scope, gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return Page.of(downlinks.recent(gatewayId, after, limit + 1), limit, DownlinkView::id);
    }

    @GetMapping("/{downlinkId}")
    @Operation(operationId = "getDownlink", summary = "One downlink", description = "A downlink and its outcome.")
    DownlinkView downlink(@PathVariable String gatewayId,
                          @Parameter(description = "The downlink's id, as the POST that queued it returned.")
                          @PathVariable UUID downlinkId, CommuneScope scope) {
        return downlinks.find(gatewayId, downlinkId).filter(d -> gateways.find(scope, gatewayId).isPresent())
                .orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No downlink " + downlinkId + " for gateway '" + gatewayId + "'.");
            problem.setTitle("Unknown downlink");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }
}
