package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseKeySourceTest {

    @TempDir
    Path dir;

    @Test
    void withoutAKeyEveryReleaseIsRefusedAndSaysWhy() {
        assertThatThrownBy(() -> new ReleaseKeySource(null).load())
                .isInstanceOfSatisfying(UpdateFailure.class, f -> assertThat(f.step()).isEqualTo(UpdateStatus.Step.REFUSED))
                .hasMessageContaining("no release public key is installed on this gateway (installer setting ota.release.key.file)");
        assertThatThrownBy(() -> new ReleaseKeySource(dir.resolve("missing.pem")).load())
                .hasMessageContaining("cannot be read: every release is refused");
    }

    @Test
    void aKeyThatIsNotAnEd25519PublicKeyIsRefused() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("k.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> new ReleaseKeySource(notAKey).load()).hasMessageContaining("is not an Ed25519 public key");

        Path key = Files.writeString(dir.resolve("release-public.pem"), ReleaseKeys.publicKeyPem(ReleaseKeys.generate().getPublic()));
        assertThat(new ReleaseKeySource(key).load().getAlgorithm()).isIn("Ed25519", "EdDSA");
    }
}
