package fr.mutualis.provisioning.release;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.provisioning.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release manager's path: keygen, package, sign, verify — and the refusals along it. */
class ReleaseCommandsTest {

    @TempDir
    Path dir;

    @Test
    void keygenPackageSignVerify() throws IOException {
        Path keys = dir.resolve("keys");
        Path bundles = bundles();
        Path dp = dir.resolve("gateway-1.4.0.dp");

        CliRun keygen = CliRun.run("release", "keygen", "--out", keys.toString());
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        assertThat(keygen.out()).contains("Clé de signature écrite").contains("hors ligne");
        assertThat(Files.getPosixFilePermissions(keys.resolve("release-key.pem"))).hasSize(2);

        CliRun packaged = CliRun.run("release", "package", "--bundles", bundles.toString(), "--version", "1.4.0",
                "--out", dp.toString());
        assertThat(packaged.exitCode()).as(packaged.toString()).isZero();
        assertThat(packaged.out()).contains("version 1.4.0, 2 bundles");

        CliRun signed = CliRun.run("--lang", "en", "release", "sign", "--key", keys.resolve("release-key.pem").toString(), dp.toString());
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(dir.resolve("gateway-1.4.0.dp.sig")).exists();

        CliRun verified = CliRun.run("--lang", "en", "release", "verify", "--public-key",
                keys.resolve("release-public.pem").toString(), dp.toString());
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("is valid: release 1.4.0, 2 bundles, good signature");
    }

    @Test
    void aTamperedPackageOrAnotherKeyIsRefused() throws IOException {
        CliRun.run("release", "keygen", "--out", dir.resolve("k1").toString());
        CliRun.run("release", "keygen", "--out", dir.resolve("k2").toString());
        Path dp = dir.resolve("p.dp");
        CliRun.run("release", "package", "--bundles", bundles().toString(), "--version", "2.0.0", "--out", dp.toString());
        CliRun.run("release", "sign", "--key", dir.resolve("k1/release-key.pem").toString(), dp.toString());

        CliRun otherKey = CliRun.run("--lang", "en", "release", "verify", "--public-key",
                dir.resolve("k2/release-public.pem").toString(), dp.toString());
        assertThat(otherKey.exitCode()).isEqualTo(1);
        assertThat(otherKey.err()).contains("refused: bad signature");

        byte[] bytes = Files.readAllBytes(dp);
        bytes[bytes.length - 30] ^= 1;
        Files.write(dp, bytes);
        CliRun tampered = CliRun.run("release", "verify", "--public-key", dir.resolve("k1/release-public.pem").toString(), dp.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).contains("refusé : bad signature");
    }

    @Test
    void badInputIsOneSentenceNeverAStackTrace() throws IOException {
        CliRun.run("release", "keygen", "--out", dir.toString());
        CliRun again = CliRun.run("release", "keygen", "--out", dir.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("existe déjà").doesNotContain("Exception");

        CliRun version = CliRun.run("--lang", "en", "release", "package", "--bundles", bundles().toString(), "--version", "v1",
                "--out", dir.resolve("x.dp").toString());
        assertThat(version.exitCode()).isEqualTo(1);
        assertThat(version.err()).contains("Invalid version 'v1'");

        Path notBundles = Files.createDirectories(dir.resolve("plain"));
        Files.write(notBundles.resolve("lib.jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        CliRun plain = CliRun.run("--lang", "en", "release", "package", "--bundles", notBundles.toString(), "--version", "1.0.0",
                "--out", dir.resolve("y.dp").toString());
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.err()).contains("Package not written").contains("lib.jar");
        assertThat(dir.resolve("y.dp")).doesNotExist();

        CliRun missingKey = CliRun.run("--lang", "en", "release", "sign", "--key", dir.resolve("none.pem").toString(),
                dir.resolve("release-public.pem").toString());
        assertThat(missingKey.exitCode()).isEqualTo(1);
        assertThat(missingKey.err()).contains("Cannot read the key");
    }

    private Path bundles() throws IOException {
        Path bundles = Files.createDirectories(dir.resolve("bundles-" + System.nanoTime()));
        bundle(bundles, "fr.mutualis.a");
        bundle(bundles, "fr.mutualis.b");
        return bundles;
    }

    private static void bundle(Path dir, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        try (OutputStream out = Files.newOutputStream(dir.resolve(symbolicName + ".jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
