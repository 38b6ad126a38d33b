package fr.mutualis.gateway.enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Optional;

/**
 * The gateway's identity on disk, under {@code <data dir>/identity/}: for each certificate, its
 * private key (readable by the agent's user only; it never leaves the device) and its chain, named
 * by the certificate's serial; the syndicate's root CA; and {@code enrolment.json}, what the fleet
 * said, naming the current serial. That record is written last and atomically: it is the switch,
 * so a power cut during an enrolment or a renewal leaves the previous identity whole (or none).
 * Every file is written to a temporary name, synced, then renamed.
 */
public final class IdentityFiles {

    public static final String ROOT_CA = "ca.crt";
    static final String PENDING_KEY = "pending.key";
    static final String PENDING_PUBLIC_KEY = "pending.pub";
    public static final String ENROLMENT = "enrolment.json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public IdentityFiles(Path dir) {
        this.dir = dir;
    }

    public static IdentityFiles under(Path dataDir) {
        return new IdentityFiles(dataDir.resolve("identity"));
    }

    public Optional<EnrolledIdentity> load() throws IOException {
        Path enrolment = dir.resolve(ENROLMENT);
        if (!Files.exists(enrolment)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(enrolment.toFile(), EnrolledIdentity.class));
    }

    /**
     * The key pair for the next certificate: generated here the first time and kept (private key
     * readable by this user only) until a certificate for it is saved, so that a retry after a lost
     * answer asks for the same key.
     */
    public KeyPair pendingKeys() throws IOException, java.security.GeneralSecurityException {
        Path privateFile = dir.resolve(PENDING_KEY);
        Path publicFile = dir.resolve(PENDING_PUBLIC_KEY);
        java.security.KeyFactory factory = java.security.KeyFactory.getInstance("EC");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return new KeyPair(
                    factory.generatePublic(new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                    factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
        }
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Files.createDirectories(dir);
        writeBytes(privateFile, keys.getPrivate().getEncoded(), true);
        writeBytes(publicFile, keys.getPublic().getEncoded(), false);
        return keys;
    }

    /**
     * Saves a certificate and its key, then switches the identity to them. Files of earlier
     * certificates stay until {@link #pruneExcept} is called, once nothing uses them any more.
     */
    public void save(KeyPair keys, String certificateChainPem, String rootCaPem, EnrolledIdentity identity)
            throws IOException {
        Files.createDirectories(dir);
        write(keyFile(identity), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", true);
        write(certificateChainFile(identity), certificateChainPem, false);
        write(rootCaFile(), rootCaPem, false);
        write(dir.resolve(ENROLMENT), json.writerWithDefaultPrettyPrinter().writeValueAsString(identity), false);
        Files.deleteIfExists(dir.resolve(PENDING_KEY));
        Files.deleteIfExists(dir.resolve(PENDING_PUBLIC_KEY));
    }

    public Path keyFile(EnrolledIdentity identity) {
        return dir.resolve("gateway-" + identity.serial() + ".key");
    }

    public Path certificateChainFile(EnrolledIdentity identity) {
        return dir.resolve("gateway-" + identity.serial() + ".crt");
    }

    /** The current key; {@link IllegalStateException} when not enrolled. */
    public Path keyFile() throws IOException {
        return keyFile(load().orElseThrow(() -> new IllegalStateException("not enrolled")));
    }

    /** The current certificate chain; {@link IllegalStateException} when not enrolled. */
    public Path certificateChainFile() throws IOException {
        return certificateChainFile(load().orElseThrow(() -> new IllegalStateException("not enrolled")));
    }

    public Path rootCaFile() {
        return dir.resolve(ROOT_CA);
    }

    /** Deletes the keys and certificates of every serial but this one. */
    public void pruneExcept(String currentSerial) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "gateway-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith("gateway-" + currentSerial + ".")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void write(Path target, String content, boolean secret) throws IOException {
        writeBytes(target, content.getBytes(StandardCharsets.US_ASCII), secret);
    }

    private static void writeBytes(Path target, byte[] content, boolean secret) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(temp, content);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
