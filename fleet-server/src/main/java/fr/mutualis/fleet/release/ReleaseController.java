package fr.mutualis.fleet.release;

import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.audit.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The release catalogue for staff. Releases hold no commune's data: everyone signed in may read
 * the catalogue; only the syndicate's staff upload and delete.
 */
@RestController
@RequestMapping("/api/releases")
@Tag(name = "Releases", description = "Signed deployment packages (complete bundle sets) that campaigns roll out.")
class ReleaseController {

    private final Releases releases;

    ReleaseController(Releases releases) {
        this.releases = releases;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR')")
    @Operation(operationId = "uploadRelease", summary = "Upload a signed release",
            description = "Multipart form: `package` (the deployment package file) and `signature` (its detached "
                    + "signature: base64 Ed25519 over the package bytes), optionally `keyId` (the SHA-256 of the signing "
                    + "public key). The signature must verify with one of the fleet's trusted release keys, and the "
                    + "package must be a complete bundle set for fr.mutualis.gateway. 201 with the release; 200 when the "
                    + "same package was already stored; 400 (unsigned, bad signature, unknown key, malformed package), "
                    + "409 (the version exists with other content, or no trusted key is configured) or 413, each with "
                    + "its `reason`.")
    @ApiResponse(responseCode = "201", description = "Stored.")
    ResponseEntity<ReleaseView> upload(
            @Parameter(description = "The deployment package (.dp).") @RequestPart("package") MultipartFile file,
            @Parameter(description = "Base64 Ed25519 signature of the package bytes.") @RequestPart(value = "signature", required = false) String signature,
            @Parameter(description = "SHA-256 (hex) of the signing key's encoding; without it every trusted key is tried.")
            @RequestPart(value = "keyId", required = false) String keyId,
            Actor actor) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded package", e);
        }
        Releases.Upload upload = releases.upload(content, signature, keyId, actor);
        return ResponseEntity.status(upload.created() ? HttpStatus.CREATED : HttpStatus.OK).body(upload.release());
    }

    @GetMapping
    @Operation(operationId = "listReleases", summary = "List releases", description = "Stored releases in version text order.")
    Page<ReleaseView> list(@RequestParam(required = false) String after,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return Page.of(releases.list(after, limit + 1), limit, ReleaseView::version);
    }

    @GetMapping("/{version}")
    @Operation(operationId = "getRelease", summary = "One release", description = "With its bundles and signature.")
    ReleaseView release(@Parameter(description = "The release's version.") @PathVariable String version) {
        return releases.find(version).orElseThrow(() -> Releases.unknown(version));
    }

    @DeleteMapping("/{version}")
    @PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR')")
    @Operation(operationId = "deleteRelease", summary = "Delete a release",
            description = "Removes the release and its file. 409 while a running or paused campaign uses it.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    ResponseEntity<Void> delete(@Parameter(description = "The release's version.") @PathVariable String version,
                                Actor actor) {
        releases.delete(version, actor);
        return ResponseEntity.noContent().build();
    }
}
