package fr.mutualis.gateway.release.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The syndicate's Ed25519 release key in the PEM forms OpenSSL writes: the private key as PKCS#8
 * ({@code BEGIN PRIVATE KEY}, kept offline), the public key as SubjectPublicKeyInfo
 * ({@code BEGIN PUBLIC KEY}, installed on every gateway and on the fleet).
 */
public final class ReleaseKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private ReleaseKeys() {
    }

    public static KeyPair generate() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    }

    public static PublicKey readPublicKey(Path pemFile) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(pemFile, PUBLIC)));
    }

    public static PrivateKey readPrivateKey(Path pemFile) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(pemFile, PRIVATE)));
    }

    public static String publicKeyPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(Path pemFile, String type) throws IOException, GeneralSecurityException {
        String text = Files.readString(pemFile, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(pemFile + " holds no PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(pemFile + " is not valid PEM: " + e.getMessage(), e);
        }
    }
}
