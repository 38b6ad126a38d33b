package fr.mutualis.fleet.release;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A stored release, as the API shows it. */
public record ReleaseView(
        @Schema(description = "The release's version (DeploymentPackage-Version, OSGi syntax).") String version,
        @Schema(description = "Lower-case hex SHA-256 of the package.") String sha256,
        @Schema(description = "The package's size in bytes.") long size,
        @Schema(description = "Base64 Ed25519 signature of the package, as uploaded.") String signature,
        @Schema(description = "SHA-256 of the encoding of the trusted release public key that verified the signature.")
        String keyId,
        @Schema(description = "The bundles of the release (the complete set).") List<DeploymentPackage.Bundle> bundles,
        String uploadedBy,
        Instant uploadedAt) {
}
