package fr.mutualis.fleet.commune;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.security.UnknownCommuneException;
import java.net.URI;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The syndicate's communes and their sites. A commune outside the caller's scope does not exist for them (404). */
@RestController
@Tag(name = "Communes", description = "The syndicate's communes and the sites where gateways are installed.")
class CommuneController {

    private final CommuneDirectory communes;

    CommuneController(CommuneDirectory communes) {
        this.communes = communes;
    }

    @GetMapping("/api/communes")
    @Operation(operationId = "listCommunes", summary = "Communes I may see")
    List<Commune> communes(CommuneScope scope) {
        return communes.list(scope);
    }

    @PostMapping("/api/communes")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR')")
    @Operation(operationId = "createCommune", summary = "Add a commune (syndicate staff)")
    ResponseEntity<Commune> create(@RequestBody Commune commune, Actor actor) {
        Commune created = communes.create(actor, commune);
        return ResponseEntity.created(URI.create("/api/communes/" + created.code())).body(created);
    }

    @GetMapping("/api/communes/{code}")
    @Operation(operationId = "getCommune", summary = "One commune")
    Commune commune(@PathVariable String code, CommuneScope scope) {
        return communes.find(scope, code).orElseThrow(() -> new UnknownCommuneException(code));
    }

    @GetMapping("/api/communes/{code}/sites")
    @Operation(operationId = "listSites", summary = "Sites of a commune")
    List<Site> sites(@PathVariable String code, CommuneScope scope) {
        communes.find(scope, code).orElseThrow(() -> new UnknownCommuneException(code));
        return communes.sites(scope, code);
    }

    /** Technicians create the sites of their own communes; viewers cannot. */
    @PostMapping("/api/communes/{code}/sites")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR', 'FIELD_TECHNICIAN')")
    @Operation(operationId = "createSite", summary = "Add a site to a commune")
    ResponseEntity<Site> createSite(@PathVariable String code, @RequestBody Site site, CommuneScope scope,
                                    Actor actor) {
        communes.find(scope, code).orElseThrow(() -> new UnknownCommuneException(code));
        Site created = communes.createSite(actor, code, site);
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }
}
