package fr.mutualis.fleet.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Deployment packages and Ed25519 release keys for tests, built the way a release is built. */
public final class ReleasePackages {

    private static final long FIXED_TIME = 1_790_000_000_000L;

    private ReleasePackages() {
    }

    public static KeyPair releaseKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    public static String sign(PrivateKey key, byte[] content) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(content);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A release of two bundles whose content depends on the version. */
    public static byte[] release(String version) {
        Map<String, String> bundles = new LinkedHashMap<>();
        bundles.put("bundles/fr.mutualis.gateway.core.jar", "fr.mutualis.gateway.core");
        bundles.put("bundles/fr.mutualis.gateway.uplink.jar", "fr.mutualis.gateway.uplink");
        return build(version, bundles, Map.of());
    }

    /**
     * A deployment package: main manifest headers, one section per bundle path (symbolic name as
     * given, version = the release's), and an entry per path; {@code extraMain} adds or overrides
     * main headers (a null value removes one).
     */
    public static byte[] build(String version, Map<String, String> bundles, Map<String, String> extraMain) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", "fr.mutualis.gateway");
        main.putValue("DeploymentPackage-Version", version);
        extraMain.forEach((name, value) -> {
            if (value == null) {
                main.remove(new Attributes.Name(name));
            } else {
                main.putValue(name, value);
            }
        });
        bundles.forEach((path, symbolicName) -> {
            Attributes section = new Attributes();
            section.putValue("Bundle-SymbolicName", symbolicName);
            section.putValue("Bundle-Version", version);
            manifest.getEntries().put(path, section);
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Fixed entry times: the same release built twice is the same bytes (same digest, same signature).
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(FIXED_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (String path : bundles.keySet()) {
                JarEntry entry = new JarEntry(path);
                entry.setTime(FIXED_TIME);
                jar.putNextEntry(entry);
                jar.write(("bundle " + path + " " + version).getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
