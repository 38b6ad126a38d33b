package fr.mutualis.fleet.e2e.ota;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.release.DeploymentPackage;
import fr.mutualis.gateway.release.pkg.PackageWriter;
import fr.mutualis.gateway.release.pkg.ReleaseVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package made by the release tool ({@code mutualis release package}, the gateway's own format
 * code) is one the fleet accepts on upload: the two sides read the same deployment package format
 * with separate code, so this pins them together.
 */
class PackageFormatCompatibilityTest {

    @TempDir
    Path dir;

    @Test
    void theFleetReadsWhatTheReleaseToolWrites() throws IOException {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        bundle(bundles, "fr.mutualis.gateway.core", "1.4.0");
        bundle(bundles, "fr.mutualis.ota.agent", "1.4.0.202611221200");
        Path dp = dir.resolve("gateway-1.4.0.dp");
        PackageWriter.write(bundles, ReleaseVersion.parse("1.4.0"), dp);

        DeploymentPackage read = DeploymentPackage.read(Files.readAllBytes(dp), 1 << 20);

        assertThat(read.symbolicName()).isEqualTo("fr.mutualis.gateway");
        assertThat(read.version()).isEqualTo("1.4.0");
        assertThat(read.bundles()).extracting(DeploymentPackage.Bundle::path, DeploymentPackage.Bundle::symbolicName)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("bundles/fr.mutualis.gateway.core.jar", "fr.mutualis.gateway.core"),
                        org.assertj.core.groups.Tuple.tuple("bundles/fr.mutualis.ota.agent.jar", "fr.mutualis.ota.agent"));
    }

    private static void bundle(Path dir, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        try (OutputStream out = Files.newOutputStream(dir.resolve(symbolicName + ".jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
