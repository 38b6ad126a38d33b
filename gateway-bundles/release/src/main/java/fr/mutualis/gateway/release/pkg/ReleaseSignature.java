package fr.mutualis.gateway.release.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The detached signature of a package: Ed25519 over the package file's bytes, base64 encoded, as
 * {@code openssl pkeyutl -sign -rawin} makes it. Nothing in the package itself is trusted before
 * this verifies.
 */
public final class ReleaseSignature {

    private static final int SIGNATURE_BYTES = 64;

    private ReleaseSignature() {
    }

    public static String sign(Path file, PrivateKey key) throws IOException, GeneralSecurityException {
        Signature signature = Signature.getInstance(ReleaseKeys.ALGORITHM);
        signature.initSign(key);
        feed(signature, file);
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    /** @throws PackageRefusedException when the signature is malformed or does not match */
    public static void verify(Path file, String base64Signature, PublicKey key)
            throws IOException, PackageRefusedException {
        byte[] bytes;
        try {
            // strict: a line break (base64 without -w0) is tolerated, anything else is not base64
            bytes = Base64.getDecoder().decode(base64Signature.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new PackageRefusedException("the signature is not base64: " + e.getMessage());
        }
        if (bytes.length != SIGNATURE_BYTES) {
            throw new PackageRefusedException("the signature is not an Ed25519 signature: " + bytes.length
                    + " bytes, expected " + SIGNATURE_BYTES);
        }
        boolean valid;
        try {
            Signature signature = Signature.getInstance(ReleaseKeys.ALGORITHM);
            signature.initVerify(key);
            feed(signature, file);
            valid = signature.verify(bytes);
        } catch (GeneralSecurityException e) {
            throw new PackageRefusedException("the signature cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new PackageRefusedException("bad signature: the package was not signed by the release key installed on this gateway");
        }
    }

    private static void feed(Signature signature, Path file) throws IOException, GeneralSecurityException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                signature.update(buffer, 0, read);
            }
        }
    }
}
