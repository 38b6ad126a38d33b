package fr.mutualis.fleet.gateway;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gateway registry with presence. */
@RestController
@RequestMapping("/api/gateways")
class GatewayController {

    private final GatewayDirectory directory;

    GatewayController(GatewayDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    List<GatewayView> gateways(@RequestParam(required = false) String commune) {
        return directory.list(commune);
    }

    @GetMapping("/{id}")
    GatewayView gateway(@PathVariable String id) {
        return directory.find(id).orElseThrow(() -> new UnknownGatewayException(id));
    }
}
