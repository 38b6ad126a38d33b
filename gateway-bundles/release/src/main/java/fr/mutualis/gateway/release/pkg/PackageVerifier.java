package fr.mutualis.gateway.release.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * Every check a downloaded package must pass before anything is installed, cheapest first: the
 * size and digest the order announced, the Ed25519 signature with the release key installed on
 * this gateway, then the package's own content ({@link PackageReader}) and that it is the release
 * the order named.
 */
public final class PackageVerifier {

    private final PublicKey releaseKey;
    private final PackageReader reader;

    public PackageVerifier(PublicKey releaseKey, PackageReader reader) {
        this.releaseKey = releaseKey;
        this.reader = reader;
    }

    /**
     * @throws CorruptedDownloadException when the size or digest differs from the order's
     * @throws PackageRefusedException    naming the first other check that failed
     */
    public DeploymentPackage verify(Path file, long expectedSize, String expectedSha256, String signature,
                                    ReleaseVersion expectedVersion) throws IOException, PackageRefusedException {
        long size = Files.size(file);
        if (size != expectedSize) {
            throw new CorruptedDownloadException("corrupted download: " + size + " bytes, the order announced " + expectedSize);
        }
        String digest = sha256(file);
        if (!digest.equalsIgnoreCase(expectedSha256.trim())) {
            throw new CorruptedDownloadException("corrupted download: SHA-256 is " + digest + ", the order announced " + expectedSha256);
        }
        ReleaseSignature.verify(file, signature, releaseKey);
        DeploymentPackage declared = reader.read(file);
        if (!declared.version().equals(expectedVersion)) {
            throw new PackageRefusedException("the package is release " + declared.version() + " but the order names " + expectedVersion);
        }
        return declared;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
