package fr.mutualis.gateway.release.pkg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a release package (an OSGi Deployment Package) and checks everything about it that does
 * not need the signature: the layout, the manifest, and that every declared bundle is there and is
 * the bundle it claims to be. Call it only on a package whose signature verified — the checks
 * guard against mistakes and crafted archives, the signature against forgeries.
 *
 * <p>The archive is streamed, never trusted: entry names must be plain {@code bundles/<file>.jar}
 * or {@code META-INF/...} (no {@code ..}, no absolute path, no other folder), and inflated sizes
 * are bounded by {@link PackageLimits}.
 */
public final class PackageReader {

    private static final Pattern BUNDLE_PATH = Pattern.compile("bundles/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.jar");
    private static final Pattern META_PATH = Pattern.compile("META-INF/([A-Za-z0-9._-]{1,128})?");

    private final PackageLimits limits;

    public PackageReader(PackageLimits limits) {
        this.limits = limits;
    }

    /** @throws PackageRefusedException naming the first problem found */
    public DeploymentPackage read(Path file) throws IOException, PackageRefusedException {
        Manifest manifest = null;
        Map<String, BundleEntry> found = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int entries = 0;
            long total = 0;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw new PackageRefusedException("more than " + limits.maxEntries() + " entries in the package");
                }
                String name = entry.getName();
                checkName(name, found.containsKey(name));
                BoundedInput content = new BoundedInput(zip, limits.maxEntryBytes(), "entry " + name);
                if (name.equals(JarFile.MANIFEST_NAME)) {
                    if (manifest != null) {
                        throw new PackageRefusedException("two manifests in the package");
                    }
                    manifest = new Manifest(content);
                } else if (BUNDLE_PATH.matcher(name).matches()) {
                    found.put(name, inspectBundle(name, content));
                }
                content.transferTo(OutputStream.nullOutputStream());
                total += content.count();
                if (total > limits.maxTotalBytes()) {
                    throw new PackageRefusedException("the package inflates to more than " + limits.maxTotalBytes() + " bytes");
                }
            }
        } catch (BoundedInput.LimitExceeded e) {
            throw new PackageRefusedException(e.getMessage());
        } catch (ZipException | SecurityException e) {
            throw new PackageRefusedException("not a valid package archive: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new PackageRefusedException("no META-INF/MANIFEST.MF: not a deployment package");
        }
        return check(manifest, found);
    }

    /** Writes the declared bundles of a package already {@link #read} into {@code target}, synced to disk. */
    public void extractBundles(Path file, DeploymentPackage declared, Path target) throws IOException, PackageRefusedException {
        Map<String, BundleEntry> wanted = new HashMap<>();
        declared.bundles().forEach(b -> wanted.put(b.path(), b));
        Files.createDirectories(target);
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                BundleEntry bundle = wanted.remove(entry.getName());
                if (bundle == null) {
                    continue;
                }
                Path out = target.resolve(bundle.fileName());
                try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                     OutputStream stream = java.nio.channels.Channels.newOutputStream(channel)) {
                    new BoundedInput(zip, limits.maxEntryBytes(), "entry " + entry.getName()).transferTo(stream);
                    channel.force(true);
                }
            }
        } catch (BoundedInput.LimitExceeded e) {
            throw new PackageRefusedException(e.getMessage());
        }
        if (!wanted.isEmpty()) {
            throw new PackageRefusedException("the package changed while being installed: missing " + wanted.keySet());
        }
        AtomicFiles.syncDirectory(target);
    }

    private static void checkName(String name, boolean duplicate) throws PackageRefusedException {
        if (duplicate) {
            throw new PackageRefusedException("entry " + name + " appears twice");
        }
        if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
            throw new PackageRefusedException("unsafe entry name '" + name + "'");
        }
        if (!BUNDLE_PATH.matcher(name).matches() && !META_PATH.matcher(name).matches() && !name.equals("bundles/")) {
            throw new PackageRefusedException("unexpected entry '" + name
                    + "': a release holds only META-INF/MANIFEST.MF and bundles/<file>.jar");
        }
    }

    /** The bundle's own manifest, read from the nested jar while it streams past. */
    private static BundleEntry inspectBundle(String name, InputStream content) throws IOException, PackageRefusedException {
        Manifest manifest;
        try {
            JarInputStream jar = new JarInputStream(content, false);
            manifest = jar.getManifest();
        } catch (ZipException e) {
            throw new PackageRefusedException(name + " is not a valid jar: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new PackageRefusedException(name + " is not a bundle: it has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String symbolicName = symbolicName(main.getValue(DeploymentPackage.BUNDLE_SYMBOLIC_NAME));
        if (symbolicName == null) {
            throw new PackageRefusedException(name + " is not a bundle: no Bundle-SymbolicName");
        }
        String version = main.getValue(DeploymentPackage.BUNDLE_VERSION);
        return new BundleEntry(name, symbolicName, version == null ? "0.0.0" : version.trim());
    }

    private static DeploymentPackage check(Manifest manifest, Map<String, BundleEntry> found) throws PackageRefusedException {
        Attributes main = manifest.getMainAttributes();
        String symbolicName = main.getValue(DeploymentPackage.HEADER_SYMBOLIC_NAME);
        if (!DeploymentPackage.GATEWAY_SYMBOLIC_NAME.equals(symbolicName == null ? null : symbolicName.trim())) {
            throw new PackageRefusedException("DeploymentPackage-SymbolicName is '" + symbolicName + "', expected '"
                    + DeploymentPackage.GATEWAY_SYMBOLIC_NAME + "'");
        }
        if (main.getValue(DeploymentPackage.HEADER_FIX_PACK) != null) {
            throw new PackageRefusedException("fix packs are not accepted: a release must hold the complete bundle set");
        }
        ReleaseVersion version;
        try {
            version = ReleaseVersion.parse(main.getValue(DeploymentPackage.HEADER_VERSION));
        } catch (IllegalArgumentException e) {
            throw new PackageRefusedException("DeploymentPackage-Version: " + e.getMessage(), e);
        }
        List<BundleEntry> declared = new ArrayList<>();
        Set<String> symbolicNames = new HashSet<>();
        for (Map.Entry<String, Attributes> section : manifest.getEntries().entrySet()) {
            String path = section.getKey();
            if (!BUNDLE_PATH.matcher(path).matches()) {
                throw new PackageRefusedException("manifest section '" + path + "' does not name a bundles/<file>.jar entry");
            }
            String declaredName = symbolicName(section.getValue().getValue(DeploymentPackage.BUNDLE_SYMBOLIC_NAME));
            String declaredVersion = section.getValue().getValue(DeploymentPackage.BUNDLE_VERSION);
            if (declaredName == null || declaredVersion == null) {
                throw new PackageRefusedException("manifest section " + path + " lacks Bundle-SymbolicName or Bundle-Version");
            }
            BundleEntry actual = found.remove(path);
            if (actual == null) {
                throw new PackageRefusedException("bundle " + path + " is declared in the manifest but missing from the package");
            }
            if (!actual.symbolicName().equals(declaredName) || !sameVersion(actual.version(), declaredVersion)) {
                throw new PackageRefusedException(path + " is " + actual.symbolicName() + " " + actual.version()
                        + " but the manifest declares " + declaredName + " " + declaredVersion);
            }
            if (!symbolicNames.add(declaredName)) {
                throw new PackageRefusedException("bundle " + declaredName + " appears twice");
            }
            declared.add(actual);
        }
        if (!found.isEmpty()) {
            throw new PackageRefusedException("bundles not declared in the manifest: " + found.keySet());
        }
        if (declared.isEmpty()) {
            throw new PackageRefusedException("the package holds no bundle");
        }
        return new DeploymentPackage(DeploymentPackage.GATEWAY_SYMBOLIC_NAME, version, declared);
    }

    /** {@code fr.x;singleton:=true} → {@code fr.x}; null stays null. */
    private static String symbolicName(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String name = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        return name.isEmpty() ? null : name;
    }

    private static boolean sameVersion(String a, String b) {
        try {
            return ReleaseVersion.parse(a).equals(ReleaseVersion.parse(b));
        } catch (IllegalArgumentException e) {
            return a.trim().equals(b.trim());
        }
    }
}
