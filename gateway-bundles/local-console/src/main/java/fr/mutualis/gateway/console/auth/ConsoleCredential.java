package fr.mutualis.gateway.console.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console's per-gateway password: there is no default one. On first start a random password
 * is generated; only its PBKDF2 hash is kept for checking ({@value #HASH_FILE}); the clear text
 * goes once to a file readable by the agent's user only ({@value #LABEL_FILE}), from which the
 * label printer takes it at installation, and is logged once.
 *
 * <p>PBKDF2-HMAC-SHA256 from the JDK rather than Argon2 from Bouncy Castle: no extra bundle on the
 * gateway, and with 16 random characters (80 bits) the hash only has to resist offline guessing of
 * a random secret, not of a person's password; the login throttle limits online guessing.
 */
public final class ConsoleCredential {

    public static final String HASH_FILE = "console-credential.hash";
    public static final String LABEL_FILE = "console-credential.txt";
    /** No 0/O, 1/l/I: read off a printed label by someone on a ladder. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 4;
    private static final int ITERATIONS = 100_000;
    private static final String PREFIX = "pbkdf2-sha256";

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private ConsoleCredential(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** What {@link #loadOrCreate} did: the credential, and the new password if it made one (to log once). */
    public record Loaded(ConsoleCredential credential, String newPassword) {
    }

    public static Loaded loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path hashFile = dataDir.resolve(HASH_FILE);
        if (Files.exists(hashFile)) {
            return new Loaded(parse(Files.readString(hashFile, StandardCharsets.US_ASCII).trim(), hashFile), null);
        }
        Files.createDirectories(dataDir);
        String password = newPassword(random);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        ConsoleCredential credential = new ConsoleCredential(ITERATIONS, salt, derive(password, salt, ITERATIONS));
        writePrivate(dataDir.resolve(LABEL_FILE), password + "\n");
        writePrivate(hashFile, credential.encoded() + "\n");
        return new Loaded(credential, password);
    }

    public boolean matches(String password) {
        if (password == null || password.isEmpty() || password.length() > 128) {
            return false;
        }
        // Spaces and dashes as printed on the label are accepted, and letters in either case.
        String typed = password.replaceAll("[\\s-]", "").toLowerCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(hash, derive(typed, salt, iterations));
    }

    static String newPassword(SecureRandom random) {
        StringBuilder out = new StringBuilder();
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                out.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return out.toString();
    }

    private String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static ConsoleCredential parse(String text, Path file) {
        String[] parts = text.split("\\$");
        try {
            if (parts.length != 4 || !parts[0].equals(PREFIX)) {
                throw new IllegalArgumentException("not " + PREFIX + "$iterations$salt$hash");
            }
            Base64.Decoder base64 = Base64.getDecoder();
            return new ConsoleCredential(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            // Never fall back to a new or default password silently: a technician would be locked out unknowingly.
            throw new IllegalStateException("the console credential " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to generate a new one, which is then logged once", e);
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        String normalised = password.replaceAll("[\\s-]", "").toLowerCase(java.util.Locale.ROOT);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(normalised.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** Written aside with owner-only permissions, then renamed: never readable by others, even briefly. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(aside);
        try {
            Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(aside);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + aside, e);
        }
        Files.writeString(aside, content, StandardCharsets.US_ASCII);
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
