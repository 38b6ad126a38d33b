package fr.mutualis.gateway.release.pkg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Builds a release package from a directory of bundles: a Deployment Package jar whose manifest
 * names the release and lists every bundle in its own section, then the bundles under
 * {@code bundles/}. Entries are written in a fixed order with fixed times, so the same bundles
 * give the same bytes (and the same signature).
 */
public final class PackageWriter {

    private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the zip format's epoch

    private PackageWriter() {
    }

    /** @throws IllegalArgumentException when a jar in {@code bundlesDir} is not a bundle */
    public static DeploymentPackage write(Path bundlesDir, ReleaseVersion version, Path out) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(bundlesDir, "*.jar")) {
            listing.forEach(jars::add);
        }
        jars.sort(null);
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("no bundle (*.jar) in " + bundlesDir);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(DeploymentPackage.HEADER_SYMBOLIC_NAME, DeploymentPackage.GATEWAY_SYMBOLIC_NAME);
        main.putValue(DeploymentPackage.HEADER_VERSION, version.toString());
        List<BundleEntry> bundles = new ArrayList<>();
        for (Path jar : jars) {
            BundleEntry bundle = describe(jar);
            Attributes section = new Attributes();
            section.putValue(DeploymentPackage.BUNDLE_SYMBOLIC_NAME, bundle.symbolicName());
            section.putValue(DeploymentPackage.BUNDLE_VERSION, bundle.version());
            manifest.getEntries().put(bundle.path(), section);
            bundles.add(bundle);
        }
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
            ZipEntry manifestEntry = new ZipEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(FIXED_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (int i = 0; i < jars.size(); i++) {
                ZipEntry entry = new ZipEntry(bundles.get(i).path());
                entry.setTime(FIXED_TIME);
                jar.putNextEntry(entry);
                Files.copy(jars.get(i), jar);
                jar.closeEntry();
            }
        }
        return new DeploymentPackage(DeploymentPackage.GATEWAY_SYMBOLIC_NAME, version, bundles);
    }

    private static BundleEntry describe(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(DeploymentPackage.BUNDLE_SYMBOLIC_NAME);
            if (name == null) {
                throw new IllegalArgumentException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            String version = manifest.getMainAttributes().getValue(DeploymentPackage.BUNDLE_VERSION);
            int semicolon = name.indexOf(';');
            return new BundleEntry(DeploymentPackage.BUNDLES_FOLDER + jar.getFileName(),
                    (semicolon < 0 ? name : name.substring(0, semicolon)).trim(), version == null ? "0.0.0" : version.trim());
        }
    }
}
