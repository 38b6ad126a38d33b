package fr.mutualis.gateway.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCredentialTest {

    @TempDir
    Path data;

    @Test
    void aRandomPasswordIsMadeOnceKeptOnlyHashedAndLabelledForTheOwnerOnly() throws Exception {
        ConsoleCredential.Loaded first = ConsoleCredential.loadOrCreate(data, new SecureRandom());
        String password = first.newPassword();
        assertThat(password).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
        assertThat(first.credential().matches(password)).isTrue();
        assertThat(first.credential().matches("admin")).isFalse();

        Path hash = data.resolve(ConsoleCredential.HASH_FILE);
        Path label = data.resolve(ConsoleCredential.LABEL_FILE);
        assertThat(Files.readString(hash)).startsWith("pbkdf2-sha256$").doesNotContain(password);
        assertThat(Files.readString(label).trim()).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(label))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hash))).isEqualTo("rw-------");

        // The next start keeps the same password and does not show it again.
        Files.delete(label);
        ConsoleCredential.Loaded second = ConsoleCredential.loadOrCreate(data, new SecureRandom());
        assertThat(second.newPassword()).isNull();
        assertThat(second.credential().matches(password)).isTrue();
        assertThat(second.credential().matches(password.toUpperCase().replace("-", " "))).isTrue();
    }

    @Test
    void anUnreadableHashIsAClearErrorNotANewPassword() throws Exception {
        Files.writeString(data.resolve(ConsoleCredential.HASH_FILE), "md5$oops\n");
        assertThatThrownBy(() -> ConsoleCredential.loadOrCreate(data, new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreadable")
                .hasMessageContaining("delete it");
    }
}
