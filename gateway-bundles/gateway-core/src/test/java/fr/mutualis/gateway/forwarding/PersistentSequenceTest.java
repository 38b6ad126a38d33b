package fr.mutualis.gateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentSequenceTest {

    @TempDir
    Path dir;

    @Test
    void numbersContinueAfterReopeningAndAreNeverReused() throws Exception {
        Path file = dir.resolve("seq/sequence");
        try (PersistentSequence sequence = new PersistentSequence(file)) {
            assertThat(sequence.last()).isZero();
            assertThat(sequence.reserve(3)).isEqualTo(1);
            assertThat(sequence.reserve(2)).isEqualTo(4);
        }
        try (PersistentSequence reopened = new PersistentSequence(file)) {
            assertThat(reopened.last()).isEqualTo(5);
            assertThat(reopened.reserve(1)).isEqualTo(6);
        }
    }

    @Test
    void aTornWriteCanOnlySkipNumbers() throws Exception {
        Path file = dir.resolve("sequence");
        // First copy written (new value), second copy still old: the new, larger value wins.
        Files.write(file, ByteBuffer.allocate(16).putLong(120).putLong(100).array());
        try (PersistentSequence sequence = new PersistentSequence(file)) {
            assertThat(sequence.reserve(1)).isEqualTo(121);
        }
        // A file cut short keeps what it has.
        Files.write(file, ByteBuffer.allocate(8).putLong(42).array());
        try (PersistentSequence sequence = new PersistentSequence(file)) {
            assertThat(sequence.reserve(1)).isEqualTo(43);
        }
    }
}
