package fr.mutualis.fleet.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.fleet.release.ReleaseRefusedException.Reason;
import fr.mutualis.fleet.testsupport.ReleasePackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedReleaseKeysTest {

    private final KeyPair release = ReleasePackages.releaseKey();
    private final KeyPair stranger = ReleasePackages.releaseKey();
    private final byte[] content = ReleasePackages.release("1.2.0");

    @Test
    void acceptsASignatureOfATrustedKeyAndNamesTheKey(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("release.pem");
        Files.writeString(pem, ReleasePackages.publicKeyPem(release.getPublic()));
        TrustedReleaseKeys keys = TrustedReleaseKeys.load(List.of(pem));
        String keyId = TrustedReleaseKeys.keyId(release.getPublic());
        assertThat(keyId).matches("[0-9a-f]{64}");
        assertThat(keys.ids()).containsExactly(keyId);
        String signature = ReleasePackages.sign(release.getPrivate(), content);
        assertThat(keys.verify(content, signature, null)).isEqualTo(keyId);
        // line breaks in the signature file are ignored, the claimed key may be in upper case
        assertThat(keys.verify(content, signature.substring(0, 40) + "\n" + signature.substring(40) + "\n",
                keyId.toUpperCase())).isEqualTo(keyId);
    }

    @Test
    void refusesATamperedPackage() {
        TrustedReleaseKeys keys = TrustedReleaseKeys.of(List.of(release.getPublic()));
        String signature = ReleasePackages.sign(release.getPrivate(), content);
        byte[] tampered = content.clone();
        tampered[tampered.length / 2] ^= 1;
        assertRefused(() -> keys.verify(tampered, signature, null), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesTheSignatureOfAnUntrustedKeyAndAnUnknownClaimedKey() {
        TrustedReleaseKeys keys = TrustedReleaseKeys.of(List.of(release.getPublic()));
        String signature = ReleasePackages.sign(stranger.getPrivate(), content);
        assertRefused(() -> keys.verify(content, signature, null), Reason.BAD_SIGNATURE);
        assertRefused(() -> keys.verify(content, signature, TrustedReleaseKeys.keyId(stranger.getPublic())),
                Reason.UNKNOWN_KEY);
    }

    @Test
    void refusesMissingAndMalformedSignatures() {
        TrustedReleaseKeys keys = TrustedReleaseKeys.of(List.of(release.getPublic()));
        assertRefused(() -> keys.verify(content, null, null), Reason.UNSIGNED);
        assertRefused(() -> keys.verify(content, "  ", null), Reason.UNSIGNED);
        assertRefused(() -> keys.verify(content, "not base64 !", null), Reason.MALFORMED_SIGNATURE);
        assertRefused(() -> keys.verify(content, Base64.getEncoder().encodeToString(new byte[32]), null),
                Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void withoutTrustedKeysEveryUploadIsRefused() {
        TrustedReleaseKeys none = TrustedReleaseKeys.load(List.of());
        assertRefused(() -> none.verify(content, ReleasePackages.sign(release.getPrivate(), content), null),
                Reason.NO_TRUSTED_KEY);
    }

    @Test
    void aKeyFileThatIsNotAnEd25519PublicKeyStopsTheStart(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("wrong.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TrustedReleaseKeys.load(List.of(pem))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong.pem");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ReleaseRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
