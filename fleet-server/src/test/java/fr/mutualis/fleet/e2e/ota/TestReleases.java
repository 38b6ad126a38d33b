package fr.mutualis.fleet.e2e.ota;

import fr.mutualis.gateway.release.pkg.PackageVerifier;
import fr.mutualis.gateway.release.pkg.PackageWriter;
import fr.mutualis.gateway.release.pkg.ReleaseSignature;
import fr.mutualis.gateway.release.pkg.ReleaseVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Release packages for the fault matrix, built from the distribution's own bundles (the factory
 * release) plus, for the bad ones, a small bundle made here from a test activator.
 */
public final class TestReleases {

    /** A signed package, ready to be served and ordered. */
    public record Release(String version, byte[] bytes, String sha256, String signature) {
    }

    private final Path factoryBundles;
    private final Path work;

    public TestReleases(Path factoryBundles, Path work) {
        this.factoryBundles = factoryBundles;
        this.work = work;
    }

    /** The factory bundles plus {@code extraBundles}, as release {@code version}, signed with {@code key}. */
    public Release build(String version, PrivateKey key, Path... extraBundles) throws Exception {
        Path dir = Files.createTempDirectory(work, "bundles-" + version + "-");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(factoryBundles, "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
        for (Path extra : extraBundles) {
            Files.copy(extra, dir.resolve(extra.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = work.resolve("release-" + version + "-" + dir.getFileName() + ".dp");
        PackageWriter.write(dir, ReleaseVersion.parse(version), out);
        return new Release(version, Files.readAllBytes(out), PackageVerifier.sha256(out), ReleaseSignature.sign(out, key));
    }

    /** A one-class bundle whose activator is {@code activator} (a class of these tests). */
    public Path activatorBundle(String symbolicName, Class<?> activator) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        Path jar = work.resolve(symbolicName + ".jar");
        String entry = activator.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = activator.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** A copy of a factory bundle with another Bundle-Version: the same code, shipped as a new version. */
    public Path withVersion(String factoryJarPrefix, String version) throws IOException {
        Path source;
        try (var jars = Files.list(factoryBundles)) {
            source = jars.filter(p -> p.getFileName().toString().startsWith(factoryJarPrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + factoryJarPrefix + "* in " + factoryBundles));
        }
        Path target = Files.createDirectories(work.resolve("v" + version)).resolve(source.getFileName());
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source));
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), bumped(in.getManifest(), version))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                out.putNextEntry(new JarEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return target;
    }

    private static Manifest bumped(Manifest original, String version) {
        Manifest manifest = new Manifest(original);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        return manifest;
    }
}
