package fr.mutualis.gateway.release.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing procedure documented for operators works with OpenSSL 3 alone, both ways: keys and
 * signatures made by OpenSSL verify here, and ours verify with OpenSSL.
 */
class OpenSslInteroperabilityTest {

    @TempDir
    Path dir;

    @Test
    void aPackageSignedWithOpenSslVerifiesWithTheGatewayCode() throws Exception {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        TestBundles.bundle(bundles, "fr.mutualis.a", "1.0.0");
        Path dp = dir.resolve("pkg.dp");
        PackageWriter.write(bundles, ReleaseVersion.parse("1.0.0"), dp);
        openssl("genpkey", "-algorithm", "ed25519", "-out", "release-key.pem");
        openssl("pkey", "-in", "release-key.pem", "-pubout", "-out", "release-public.pem");
        openssl("pkeyutl", "-sign", "-inkey", "release-key.pem", "-rawin", "-in", "pkg.dp", "-out", "pkg.sig.bin");
        String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("pkg.sig.bin")));

        ReleaseSignature.verify(dp, signature, ReleaseKeys.readPublicKey(dir.resolve("release-public.pem")));
        // and the private key OpenSSL wrote is one our tool reads
        String ours = ReleaseSignature.sign(dp, ReleaseKeys.readPrivateKey(dir.resolve("release-key.pem")));
        assertThat(ours).as("Ed25519 signatures are deterministic").isEqualTo(signature);
    }

    @Test
    void aSignatureOfOursVerifiesWithOpenSsl() throws Exception {
        KeyPair keys = ReleaseKeys.generate();
        Files.writeString(dir.resolve("public.pem"), ReleaseKeys.publicKeyPem(keys.getPublic()));
        Path file = Files.writeString(dir.resolve("pkg.dp"), "any bytes at all");
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(ReleaseSignature.sign(file, keys.getPrivate())));

        String output = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "public.pem", "-rawin", "-in", "pkg.dp",
                "-sigfile", "sig.bin");
        assertThat(output).contains("Signature Verified Successfully");
    }

    private String openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl " + String.join(" ", arguments) + ": " + output).isZero();
        return output;
    }
}
