package fr.mutualis.gateway.enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Optional;

/**
 * The gateway's identity on disk, under {@code <data dir>/identity/}: its private key (readable by
 * the agent's user only; it never leaves the device), its certificate chain, the syndicate's root
 * CA, and what the fleet said ({@code enrolment.json}, written last: its presence means enrolled).
 * Every file is written to a temporary name, synced and renamed, so a power cut leaves either the
 * old file or the new one.
 */
public final class IdentityFiles {

    public static final String KEY = "gateway.key";
    public static final String CERTIFICATE_CHAIN = "gateway.crt";
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

    /** Saves a completed enrolment: key, chain, root, then the record that says it is complete. */
    public void save(KeyPair keys, String certificateChainPem, String rootCaPem, EnrolledIdentity identity)
            throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve(KEY), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", true);
        write(dir.resolve(CERTIFICATE_CHAIN), certificateChainPem, false);
        write(dir.resolve(ROOT_CA), rootCaPem, false);
        write(dir.resolve(ENROLMENT), json.writerWithDefaultPrettyPrinter().writeValueAsString(identity), false);
    }

    public Path keyFile() {
        return dir.resolve(KEY);
    }

    public Path certificateChainFile() {
        return dir.resolve(CERTIFICATE_CHAIN);
    }

    public Path rootCaFile() {
        return dir.resolve(ROOT_CA);
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
    }
}
