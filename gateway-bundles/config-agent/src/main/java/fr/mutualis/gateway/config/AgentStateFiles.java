package fr.mutualis.gateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The agent's two files under its data directory: {@code state.json} ({@link AgentState}) and
 * {@code apply-journal.json} ({@link ApplyJournal}). Each is replaced atomically — written to a
 * temporary file, fsync'd, renamed over the old one, and the directory fsync'd — so that a power
 * cut leaves either the old or the new file, never a torn one.
 */
final class AgentStateFiles {

    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path directory;
    private final Path state;
    private final Path journal;

    AgentStateFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.state = directory.resolve("state.json");
        this.journal = directory.resolve("apply-journal.json");
        Files.deleteIfExists(directory.resolve("state.json.tmp"));
        Files.deleteIfExists(directory.resolve("apply-journal.json.tmp"));
    }

    AgentState readState() throws IOException {
        return Files.exists(state) ? json.readValue(state.toFile(), AgentState.class) : AgentState.INITIAL;
    }

    void writeState(AgentState value) throws IOException {
        writeAtomically(state, json.writeValueAsBytes(value));
    }

    Optional<ApplyJournal> readJournal() throws IOException {
        return Files.exists(journal) ? Optional.of(json.readValue(journal.toFile(), ApplyJournal.class)) : Optional.empty();
    }

    void writeJournal(ApplyJournal value) throws IOException {
        writeAtomically(journal, json.writeValueAsBytes(value));
    }

    void deleteJournal() throws IOException {
        Files.deleteIfExists(journal);
        syncDirectory();
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Makes the rename itself durable (on Linux a directory can be opened and fsync'd). */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the rename is still atomic there.
        }
    }
}
