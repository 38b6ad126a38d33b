package fr.mutualis.fleet.downlink;

import fr.mutualis.contract.Txpk;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import java.net.URI;
import java.util.List;
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
class DownlinkController {

    private final DownlinkQueue downlinks;
    private final GatewayDirectory gateways;

    DownlinkController(DownlinkQueue downlinks, GatewayDirectory gateways) {
        this.downlinks = downlinks;
        this.gateways = gateways;
    }

    @PostMapping
    ResponseEntity<DownlinkView> queue(@PathVariable String gatewayId, @RequestBody Txpk txpk, Actor actor) {
        DownlinkView queued = downlinks.queue(gatewayId, txpk, actor);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/gateways/" + gatewayId + "/downlinks/" + queued.id()))
                .body(queued);
    }

    @GetMapping
    List<DownlinkView> recent(@PathVariable String gatewayId, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        if (gateways.find(gatewayId).isEmpty()) {
            throw new UnknownGatewayException(gatewayId);
        }
        return downlinks.recent(gatewayId, limit);
    }

    @GetMapping("/{id}")
    DownlinkView downlink(@PathVariable String gatewayId, @PathVariable UUID id) {
        return downlinks.find(gatewayId, id).orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No downlink " + id + " for gateway '" + gatewayId + "'.");
            problem.setTitle("Unknown downlink");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }
}
