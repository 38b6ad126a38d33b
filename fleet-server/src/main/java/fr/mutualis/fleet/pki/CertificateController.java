package fr.mutualis.fleet.pki;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.GatewayView;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Gateway certificates and their revocation; the CA's public certificates and revocation list. */
@RestController
@Tag(name = "Certificates", description = "Gateway certificates, revocation, and the syndicate's CA.")
class CertificateController {

    private final GatewayCertificates certificates;
    private final GatewayRevocation revocation;
    private final GatewayDirectory gateways;
    private final CertificateAuthority authority;
    private final RevocationListPublisher revocationList;

    CertificateController(GatewayCertificates certificates, GatewayRevocation revocation, GatewayDirectory gateways,
                          CertificateAuthority authority, RevocationListPublisher revocationList) {
        this.certificates = certificates;
        this.revocation = revocation;
        this.gateways = gateways;
        this.authority = authority;
        this.revocationList = revocationList;
    }

    @GetMapping("/api/gateways/{gatewayId}/certificates")
    @Operation(operationId = "listGatewayCertificates", summary = "Certificates of a gateway",
            description = "Every certificate issued to the gateway, newest first, with its status (VALID, REVOKED, EXPIRED).")
    List<CertificateView> list(@Parameter(description = "The gateway's id.") @PathVariable String gatewayId,
                               CommuneScope scope) {
        gateway(scope, gatewayId);
        return certificates.ofGateway(gatewayId, Instant.now());
    }

    @PostMapping("/api/gateways/{gatewayId}/revocation")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR', 'FIELD_TECHNICIAN')")
    @Operation(operationId = "revokeGateway", summary = "Revoke a gateway",
            description = "Revokes every certificate of the gateway. The embedded broker disconnects it at once and "
                    + "refuses it; an external broker refuses it once it has reloaded the revocation list (see "
                    + "docs/pki.md); the fleet ignores anything it still sends. To bring it back, enrol it again "
                    + "with a new token.")
    GatewayRevocation.Revocation revoke(@Parameter(description = "The gateway's id.") @PathVariable String gatewayId,
                                        @RequestBody RevocationRequest request,
                                        CommuneScope scope, Actor actor) {
        GatewayView gateway = gateway(scope, gatewayId);
        return revocation.revoke(gatewayId, gateway.commune(), request == null ? null : request.reason(), actor);
    }

    @GetMapping(value = "/api/pki/ca.pem", produces = "application/x-pem-file")
    @SecurityRequirements
    @Operation(operationId = "getCaCertificates", summary = "The syndicate's CA certificates",
            description = "The intermediate then the root, PEM. Public: brokers and gateways verify with them.")
    String caCertificates() {
        return authority.chainPem();
    }

    @GetMapping(value = "/api/pki/crl.pem", produces = "application/x-pem-file")
    @SecurityRequirements
    @Operation(operationId = "getRevocationList", summary = "The certificate revocation list",
            description = "Signed by the intermediate CA, PEM, freshly issued. Public: a broker on another host can "
                    + "fetch it periodically instead of reading the file the fleet writes.")
    String revocationList() {
        return Pem.write(revocationList.current());
    }

    private GatewayView gateway(CommuneScope scope, String gatewayId) {
        return gateways.find(scope, gatewayId).orElseThrow(() -> new UnknownGatewayException(gatewayId));
    }

    /** Why a gateway is revoked (stolen, replaced, decommissioned...): kept with the certificates and audited. */
    record RevocationRequest(String reason) {
    }
}
