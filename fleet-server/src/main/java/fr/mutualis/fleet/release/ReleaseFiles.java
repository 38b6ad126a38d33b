package fr.mutualis.fleet.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Package files, content-addressed: {@code <sha256>.dp} in {@link ReleaseProperties#dir()}. A file
 * is written under a temporary name and moved into place, so a crash never leaves a half file
 * under a digest's name; writing the same content twice is harmless.
 */
@Component
class ReleaseFiles {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    ReleaseFiles(ReleaseProperties properties) {
        this.dir = properties.dir().toAbsolutePath();
    }

    Path path(String sha256) {
        if (!DIGEST.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return dir.resolve(sha256 + ".dp");
    }

    void store(String sha256, byte[] content) {
        Path target = path(sha256);
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && Files.size(target) == content.length) {
                return;
            }
            Path partial = Files.createTempFile(dir, sha256, ".part");
            try {
                Files.write(partial, content);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store release package " + target, e);
        }
    }

    void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete release package " + path(sha256), e);
        }
    }
}
