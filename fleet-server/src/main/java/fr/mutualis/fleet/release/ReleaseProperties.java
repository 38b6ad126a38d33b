package fr.mutualis.fleet.release;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where releases are kept and which keys may sign them.
 *
 * @param dir            where packages are stored, one file per content ({@code <sha256>.dp})
 * @param trustedKeys    PEM files (SubjectPublicKeyInfo, Ed25519) of the release keys whose signatures
 *                       the fleet accepts; only public keys: the private key is kept offline
 *                       (docs/releases.md). Empty: every upload is refused
 * @param maxPackageSize the largest package accepted (the multipart limit is set above it)
 * @param maxExpandedSize the most bytes the package's entries may expand to while it is checked
 *                        (a compressed bomb is refused, not expanded)
 */
@ConfigurationProperties("mutualis.releases")
public record ReleaseProperties(
        @DefaultValue("var/fleet/releases") Path dir,
        @DefaultValue("") List<Path> trustedKeys,
        @DefaultValue("64MB") DataSize maxPackageSize,
        @DefaultValue("512MB") DataSize maxExpandedSize) {
}
