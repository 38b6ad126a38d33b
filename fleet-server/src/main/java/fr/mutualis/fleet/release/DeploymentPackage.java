package fr.mutualis.fleet.release;

import fr.mutualis.fleet.release.ReleaseRefusedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * What an uploaded OSGi deployment package holds, read and checked before it is stored: the main
 * manifest names {@code fr.mutualis.gateway} and a version, and every bundle has a manifest
 * section ({@code Name: bundles/<file>.jar}) with its symbolic name and version and an entry in
 * the archive. A release is always the complete bundle set, so fix packages are refused; names
 * that could escape a directory are refused before anything is extracted anywhere.
 */
public record DeploymentPackage(String symbolicName, String version, List<Bundle> bundles) {

    public static final String SYMBOLIC_NAME = "fr.mutualis.gateway";
    private static final Pattern BUNDLE_PATH = Pattern.compile("bundles/[A-Za-z0-9][A-Za-z0-9._-]{0,199}\\.jar");

    public record Bundle(String path, String symbolicName, String version) {
    }

    /**
     * @param maxExpanded the most bytes the entries may expand to while they are read
     * @throws ReleaseRefusedException MALFORMED_PACKAGE, with what is wrong
     */
    public static DeploymentPackage read(byte[] content, long maxExpanded) {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(content), false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw malformed("no manifest: a deployment package starts with META-INF/MANIFEST.MF");
            }
            Attributes main = manifest.getMainAttributes();
            String name = main.getValue("DeploymentPackage-SymbolicName");
            if (!SYMBOLIC_NAME.equals(name)) {
                throw malformed("DeploymentPackage-SymbolicName must be " + SYMBOLIC_NAME + ", is " + name);
            }
            String version = main.getValue("DeploymentPackage-Version");
            if (!ReleaseVersion.isValid(version)) {
                throw malformed("DeploymentPackage-Version " + (version == null ? "is missing" : "'" + version
                        + "' is not an OSGi version"));
            }
            if (main.getValue("DeploymentPackage-FixPack") != null) {
                throw malformed("a fix package (DeploymentPackage-FixPack) is refused: a release is the complete bundle set");
            }
            Map<String, Bundle> bundles = bundles(manifest);
            Set<String> seen = entries(jar, bundles.keySet(), maxExpanded);
            List<String> missing = new ArrayList<>(bundles.keySet());
            missing.removeAll(seen);
            if (!missing.isEmpty()) {
                throw malformed("the manifest names bundles absent from the archive: " + missing);
            }
            return new DeploymentPackage(name, version, List.copyOf(bundles.values()));
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            throw malformed("not a readable JAR: " + e.getMessage());
        }
    }

    private static Map<String, Bundle> bundles(Manifest manifest) {
        Map<String, Bundle> bundles = new LinkedHashMap<>();
        Set<String> symbolicNames = new HashSet<>();
        for (Map.Entry<String, Attributes> section : manifest.getEntries().entrySet()) {
            String path = section.getKey();
            requireSafe(path);
            String symbolicName = section.getValue().getValue("Bundle-SymbolicName");
            if (symbolicName == null) {
                // Deployment packages may carry resources as well; ours carry bundles only.
                throw malformed(path + ": a section without Bundle-SymbolicName (resources are not part of a release)");
            }
            symbolicName = symbolicName.split(";", 2)[0].trim();
            String bundleVersion = section.getValue().getValue("Bundle-Version");
            if (!ReleaseVersion.isValid(bundleVersion)) {
                throw malformed(path + ": Bundle-Version " + bundleVersion + " is not an OSGi version");
            }
            if (section.getValue().getValue("DeploymentPackage-Missing") != null) {
                throw malformed(path + ": DeploymentPackage-Missing is refused: a release carries every bundle");
            }
            if (!symbolicNames.add(symbolicName)) {
                throw malformed("bundle " + symbolicName + " appears twice");
            }
            bundles.put(path, new Bundle(path, symbolicName, bundleVersion));
        }
        if (bundles.isEmpty()) {
            throw malformed("the manifest names no bundle (Name: bundles/<file>.jar sections)");
        }
        return bundles;
    }

    /** Reads every entry to its end (counting what it expands to) and returns the names seen. */
    private static Set<String> entries(JarInputStream jar, Set<String> declared, long maxExpanded) throws IOException {
        Set<String> seen = new HashSet<>();
        byte[] buffer = new byte[64 * 1024];
        long expanded = 0;
        JarEntry entry;
        while ((entry = jar.getNextJarEntry()) != null) {
            String path = entry.getName();
            if (entry.isDirectory() && (path.equals("bundles/") || path.equals("META-INF/"))) {
                continue;
            }
            requireSafe(path);
            if (!declared.contains(path)) {
                throw malformed(path + ": an entry without a manifest section");
            }
            if (!seen.add(path)) {
                throw malformed(path + " appears twice in the archive");
            }
            expanded += drain(jar, buffer, maxExpanded - expanded);
        }
        return seen;
    }

    private static long drain(InputStream in, byte[] buffer, long allowance) throws IOException {
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            read += n;
            if (read > allowance) {
                throw malformed("the entries expand to more than the allowed size (mutualis.releases.max-expanded-size)");
            }
        }
        return read;
    }

    private static void requireSafe(String path) {
        if (!BUNDLE_PATH.matcher(path).matches() || path.contains("..")) {
            throw malformed("'" + path + "' is not a bundle path of the form bundles/<file>.jar "
                    + "(letters, digits, '.', '_', '-'; no directories, no '..')");
        }
    }

    private static ReleaseRefusedException malformed(String detail) {
        return new ReleaseRefusedException(Reason.MALFORMED_PACKAGE, "Not a release package: " + detail + ".");
    }
}
