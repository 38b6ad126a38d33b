package fr.mutualis.fleet.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.fleet.testsupport.ReleasePackages;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class DeploymentPackageTest {

    private static final long LIMIT = 1 << 20;

    @Test
    void readsTheVersionAndEveryBundle() {
        DeploymentPackage read = DeploymentPackage.read(ReleasePackages.release("1.4.0"), LIMIT);
        assertThat(read.symbolicName()).isEqualTo("fr.mutualis.gateway");
        assertThat(read.version()).isEqualTo("1.4.0");
        assertThat(read.bundles()).extracting(DeploymentPackage.Bundle::symbolicName, DeploymentPackage.Bundle::version)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("fr.mutualis.gateway.core", "1.4.0"),
                        org.assertj.core.groups.Tuple.tuple("fr.mutualis.gateway.uplink", "1.4.0"));
    }

    @Test
    void refusesWhatIsNotAZip() {
        assertMalformed("not a zip at all".getBytes(), "Not a release package");
    }

    @Test
    void refusesAnotherPackageOrAVersionThatIsNotOsgi() {
        assertMalformed(ReleasePackages.build("1.0.0", Map.of("bundles/a.jar", "a"),
                Map.of("DeploymentPackage-SymbolicName", "org.example.other")), "must be fr.mutualis.gateway");
        assertMalformed(ReleasePackages.build("1.0.0-beta", Map.of("bundles/a.jar", "a"), Map.of()), "not an OSGi version");
        assertMalformed(ReleasePackages.build("01.0", Map.of("bundles/a.jar", "a"), Map.of()), "not an OSGi version");
    }

    @Test
    void refusesFixPacksAndEmptyBundleSets() {
        assertMalformed(ReleasePackages.build("1.1.0", Map.of("bundles/a.jar", "a"),
                Map.of("DeploymentPackage-FixPack", "[1.0,1.1)")), "fix package");
        assertMalformed(ReleasePackages.build("1.1.0", Map.of(), Map.of()), "names no bundle");
    }

    @Test
    void refusesPathTraversalAndPathsOutsideBundles() {
        assertMalformed(ReleasePackages.build("1.0.0", Map.of("bundles/../../etc/cron.d/x.jar", "a"), Map.of()),
                "bundles/../../etc/cron.d/x.jar");
        assertMalformed(ReleasePackages.build("1.0.0", Map.of("/bundles/a.jar", "a"), Map.of()), "not a bundle path");
        assertMalformed(ReleasePackages.build("1.0.0", Map.of("bundles/sub/a.jar", "a"), Map.of()), "not a bundle path");
        assertMalformed(ReleasePackages.build("1.0.0", Map.of("bundles\\..\\a.jar", "a"), Map.of()), "not a bundle path");
    }

    @Test
    void refusesABundleNamedTwiceOrMissingFromTheArchive() {
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("bundles/a.jar", "same");
        twice.put("bundles/b.jar", "same");
        assertMalformed(ReleasePackages.build("1.0.0", twice, Map.of()), "appears twice");

        Manifest manifest = manifest("1.0.0");
        Attributes section = new Attributes();
        section.putValue("Bundle-SymbolicName", "a");
        section.putValue("Bundle-Version", "1.0.0");
        manifest.getEntries().put("bundles/a.jar", section);
        assertMalformed(jar(manifest, Map.of()), "absent from the archive");
    }

    @Test
    void refusesAnEntryWithoutASection() {
        Manifest manifest = manifest("1.0.0");
        Attributes section = new Attributes();
        section.putValue("Bundle-SymbolicName", "a");
        section.putValue("Bundle-Version", "1.0.0");
        manifest.getEntries().put("bundles/a.jar", section);
        assertMalformed(jar(manifest, Map.of("bundles/a.jar", new byte[10], "bundles/smuggled.jar", new byte[10])),
                "bundles/smuggled.jar: an entry without a manifest section");
    }

    @Test
    void refusesAPackageWithoutManifestFirst() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bundles/a.jar"));
            zip.write(1);
            zip.closeEntry();
        }
        assertMalformed(bytes.toByteArray(), "no manifest");
    }

    @Test
    void refusesEntriesThatExpandBeyondTheLimit() {
        Manifest manifest = manifest("1.0.0");
        Attributes section = new Attributes();
        section.putValue("Bundle-SymbolicName", "a");
        section.putValue("Bundle-Version", "1.0.0");
        manifest.getEntries().put("bundles/a.jar", section);
        byte[] zeros = new byte[4 << 20]; // compresses to a few KB
        byte[] bomb = jar(manifest, Map.of("bundles/a.jar", zeros));
        assertThat(bomb.length).isLessThan(100_000);
        assertMalformed(bomb, "expand to more than the allowed size");
    }

    private static Manifest manifest(String version) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("DeploymentPackage-SymbolicName", "fr.mutualis.gateway");
        manifest.getMainAttributes().putValue("DeploymentPackage-Version", version);
        return manifest;
    }

    private static byte[] jar(Manifest manifest, Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void assertMalformed(byte[] content, String detail) {
        assertThatThrownBy(() -> DeploymentPackage.read(content, LIMIT))
                .isInstanceOfSatisfying(ReleaseRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.MALFORMED_PACKAGE);
                    assertThat(e.getBody().getDetail()).contains(detail);
                });
    }
}
