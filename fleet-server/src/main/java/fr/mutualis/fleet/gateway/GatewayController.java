package fr.mutualis.fleet.gateway;

import fr.mutualis.fleet.commune.CommuneDirectory;
import fr.mutualis.fleet.commune.Site;
import fr.mutualis.fleet.security.CommuneScope;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
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
class GatewayController {

    private static final Pattern EUI = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final GatewayDirectory directory;
    private final CommuneDirectory communes;

    GatewayController(GatewayDirectory directory, CommuneDirectory communes) {
        this.directory = directory;
        this.communes = communes;
    }

    /** What a technician or an operator records about a gateway; absent fields stay as they are. */
    record RegistryChange(UUID siteId, String eui, String hardware, List<String> tags) {
    }

    @GetMapping
    List<GatewayView> gateways(@RequestParam(required = false) String commune, CommuneScope scope) {
        return directory.list(scope, commune);
    }

    @GetMapping("/{id}")
    GatewayView gateway(@PathVariable String id, CommuneScope scope) {
        return directory.find(scope, id).orElseThrow(() -> new UnknownGatewayException(id));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR', 'FIELD_TECHNICIAN')")
    GatewayView update(@PathVariable String id, @RequestBody RegistryChange change, CommuneScope scope) {
        GatewayView gateway = directory.find(scope, id).orElseThrow(() -> new UnknownGatewayException(id));
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
        directory.updateRegistry(id, change.siteId(), change.eui(), change.hardware(), change.tags());
        return directory.find(scope, id).orElseThrow();
    }
}
