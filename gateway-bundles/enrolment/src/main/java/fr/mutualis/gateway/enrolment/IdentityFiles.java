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
     * Saves a certificate and its key, then switches the identity to them; files of earlier
     * certificates are deleted once the switch is made.
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
        deleteOtherCertificates(identity.serial());
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

    private void deleteOtherCertificates(String currentSerial) throws IOException {
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
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
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
