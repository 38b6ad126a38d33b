package fr.mutualis.fleet.release;

import fr.mutualis.fleet.release.ReleaseRefusedException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release public keys the fleet trusts, each known by its id: the lower-case hex SHA-256 of
 * its encoding (SubjectPublicKeyInfo), what {@code openssl pkey -pubin -outform DER | sha256sum}
 * prints. The fleet only verifies: the private key signs offline and never comes here.
 */
public final class TrustedReleaseKeys {

    private static final int SIGNATURE_LENGTH = 64;

    private final Map<String, PublicKey> keys;

    private TrustedReleaseKeys(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** Reads PEM public key files; a file that is not an Ed25519 public key stops the start-up. */
    public static TrustedReleaseKeys load(List<Path> files) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Path file : files) {
            if (file.toString().isBlank()) {
                continue; // an empty property value: no key
            }
            try {
                PublicKey key = parsePem(Files.readString(file, StandardCharsets.US_ASCII));
                keys.put(keyId(key), key);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("mutualis.releases.trusted-keys: cannot use " + file + ": " + e.getMessage(), e);
            }
        }
        return new TrustedReleaseKeys(keys);
    }

    public static TrustedReleaseKeys of(List<PublicKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(keyId(key), key));
        return new TrustedReleaseKeys(byId);
    }

    static PublicKey parsePem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (!pem.contains("-----BEGIN PUBLIC KEY-----") || body.isEmpty()) {
            throw new IllegalArgumentException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    /**
     * The id of the trusted key whose signature {@code signatureBase64} is over {@code content}.
     *
     * @param claimedKeyId the key the uploader says signed it, or null to try every trusted key
     * @throws ReleaseRefusedException UNSIGNED, MALFORMED_SIGNATURE, NO_TRUSTED_KEY, UNKNOWN_KEY or BAD_SIGNATURE
     */
    public String verify(byte[] content, String signatureBase64, String claimedKeyId) {
        if (signatureBase64 == null || signatureBase64.isBlank()) {
            throw new ReleaseRefusedException(Reason.UNSIGNED, "The release has no signature: upload the detached "
                    + "signature file (base64 Ed25519 over the package) as the 'signature' part.");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ReleaseRefusedException(Reason.MALFORMED_SIGNATURE, "The signature is not base64: " + e.getMessage());
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new ReleaseRefusedException(Reason.MALFORMED_SIGNATURE, "An Ed25519 signature has 64 bytes, this one "
                    + signature.length + ".");
        }
        if (keys.isEmpty()) {
            throw new ReleaseRefusedException(Reason.NO_TRUSTED_KEY, "This fleet trusts no release key: set "
                    + "mutualis.releases.trusted-keys to the release public key file(s).");
        }
        Map<String, PublicKey> candidates = keys;
        if (claimedKeyId != null && !claimedKeyId.isBlank()) {
            PublicKey claimed = keys.get(claimedKeyId.trim().toLowerCase(java.util.Locale.ROOT));
            if (claimed == null) {
                throw new ReleaseRefusedException(Reason.UNKNOWN_KEY, "Key " + claimedKeyId.trim() + " is not one of the "
                        + "trusted release keys " + keys.keySet() + ".");
            }
            candidates = Map.of(keyId(claimed), claimed);
        }
        for (Map.Entry<String, PublicKey> candidate : candidates.entrySet()) {
            if (verifies(candidate.getValue(), content, signature)) {
                return candidate.getKey();
            }
        }
        throw new ReleaseRefusedException(Reason.BAD_SIGNATURE, candidates.size() == 1 && candidates != keys
                ? "The signature does not verify with key " + candidates.keySet().iterator().next()
                        + ": the package was changed after signing, or another key signed it."
                : "The signature does not verify with any trusted release key: the package was changed after signing, "
                        + "or a key this fleet does not trust signed it.");
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of JDK 15 and later", e);
        }
    }

    /** For start-up logging. */
    Optional<String> describe() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", keys.keySet()));
    }
}
