package fr.mutualis.gateway.release.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageReaderTest {

    @TempDir
    Path dir;

    private Path bundles;
    private KeyPair releaseKey;
    private final PackageReader reader = new PackageReader(PackageLimits.GATEWAY);

    @BeforeEach
    void bundles() throws Exception {
        bundles = Files.createDirectories(dir.resolve("bundles"));
        TestBundles.bundle(bundles, "fr.mutualis.a", "1.0.0");
        TestBundles.bundle(bundles, "fr.mutualis.b", "2.1.0.qualifier");
        releaseKey = ReleaseKeys.generate();
    }

    @Test
    void aWrittenPackageReadsBackVerifiesAndExtracts() throws Exception {
        Path dp = dir.resolve("release.dp");
        PackageWriter.write(bundles, ReleaseVersion.parse("1.4.0"), dp);
        String signature = ReleaseSignature.sign(dp, releaseKey.getPrivate());

        DeploymentPackage verified = new PackageVerifier(releaseKey.getPublic(), reader)
                .verify(dp, Files.size(dp), PackageVerifier.sha256(dp), signature, ReleaseVersion.parse("1.4.0"));

        assertThat(verified.version()).hasToString("1.4.0");
        assertThat(verified.bundles()).extracting(BundleEntry::symbolicName).containsExactly("fr.mutualis.a", "fr.mutualis.b");
        Path target = dir.resolve("generation");
        reader.extractBundles(dp, verified, target);
        assertThat(Files.readAllBytes(target.resolve("fr.mutualis.b.jar"))).isEqualTo(Files.readAllBytes(bundles.resolve("fr.mutualis.b.jar")));
    }

    @Test
    void theSameBundlesGiveTheSameBytes() throws Exception {
        PackageWriter.write(bundles, ReleaseVersion.parse("1.4.0"), dir.resolve("one.dp"));
        PackageWriter.write(bundles, ReleaseVersion.parse("1.4.0"), dir.resolve("two.dp"));
        assertThat(Files.readAllBytes(dir.resolve("one.dp"))).isEqualTo(Files.readAllBytes(dir.resolve("two.dp")));
    }

    @Test
    void aTamperedPackageIsRefusedByItsDigestAndItsSignature() throws Exception {
        Path dp = dir.resolve("release.dp");
        PackageWriter.write(bundles, ReleaseVersion.parse("1.4.0"), dp);
        String sha = PackageVerifier.sha256(dp);
        String signature = ReleaseSignature.sign(dp, releaseKey.getPrivate());
        byte[] bytes = Files.readAllBytes(dp);
        bytes[bytes.length / 2] ^= 1;
        Files.write(dp, bytes);

        PackageVerifier verifier = new PackageVerifier(releaseKey.getPublic(), reader);
        assertThatThrownBy(() -> verifier.verify(dp, bytes.length, sha, signature, ReleaseVersion.parse("1.4.0")))
                .isInstanceOf(PackageRefusedException.class).hasMessageStartingWith("corrupted download: SHA-256 is");
        assertThatThrownBy(() -> ReleaseSignature.verify(dp, signature, releaseKey.getPublic()))
                .isInstanceOf(PackageRefusedException.class).hasMessageStartingWith("bad signature");
    }

    @Test
    void aSignatureByAnotherKeyOrGarbageIsRefused() throws Exception {
        Path dp = dir.resolve("release.dp");
        PackageWriter.write(bundles, ReleaseVersion.parse("1.4.0"), dp);
        String byStranger = ReleaseSignature.sign(dp, ReleaseKeys.generate().getPrivate());
        PackageVerifier verifier = new PackageVerifier(releaseKey.getPublic(), reader);

        assertThatThrownBy(() -> verifier.verify(dp, Files.size(dp), PackageVerifier.sha256(dp), byStranger, ReleaseVersion.parse("1.4.0")))
                .hasMessageStartingWith("bad signature");
        assertThatThrownBy(() -> ReleaseSignature.verify(dp, "not base64 at all!", releaseKey.getPublic()))
                .hasMessageStartingWith("the signature is not base64");
        PackageVerifier wrongKey = new PackageVerifier(ReleaseKeys.generate().getPublic(), reader);
        String signature = ReleaseSignature.sign(dp, releaseKey.getPrivate());
        assertThatThrownBy(() -> wrongKey.verify(dp, Files.size(dp), PackageVerifier.sha256(dp), signature, ReleaseVersion.parse("1.4.0")))
                .hasMessageStartingWith("bad signature");
    }

    @Test
    void aPackageOfAnotherReleaseThanOrderedIsRefused() throws Exception {
        Path dp = dir.resolve("release.dp");
        PackageWriter.write(bundles, ReleaseVersion.parse("1.3.0"), dp);
        String signature = ReleaseSignature.sign(dp, releaseKey.getPrivate());
        assertThatThrownBy(() -> new PackageVerifier(releaseKey.getPublic(), reader)
                .verify(dp, Files.size(dp), PackageVerifier.sha256(dp), signature, ReleaseVersion.parse("1.4.0")))
                .hasMessage("the package is release 1.3.0 but the order names 1.4.0");
    }

    @Test
    void aDeclaredBundleMissingFromThePackageIsRefused() throws Exception {
        Path dp = TestBundles.archive(dir.resolve("missing.dp"), TestBundles.manifest("1.0.0",
                        TestBundles.section("bundles/fr.mutualis.a.jar", "fr.mutualis.a", "1.0.0"),
                        TestBundles.section("bundles/fr.mutualis.b.jar", "fr.mutualis.b", "2.1.0.qualifier")),
                "bundles/fr.mutualis.a.jar", bundles.resolve("fr.mutualis.a.jar"));
        assertThatThrownBy(() -> reader.read(dp))
                .hasMessage("bundle bundles/fr.mutualis.b.jar is declared in the manifest but missing from the package");
    }

    @Test
    void anUndeclaredOrMislabelledBundleIsRefused() throws Exception {
        Path undeclared = TestBundles.archive(dir.resolve("undeclared.dp"),
                TestBundles.manifest("1.0.0", TestBundles.section("bundles/fr.mutualis.a.jar", "fr.mutualis.a", "1.0.0")),
                "bundles/fr.mutualis.a.jar", bundles.resolve("fr.mutualis.a.jar"),
                "bundles/fr.mutualis.b.jar", bundles.resolve("fr.mutualis.b.jar"));
        assertThatThrownBy(() -> reader.read(undeclared)).hasMessageContaining("bundles not declared in the manifest");

        Path mislabelled = TestBundles.archive(dir.resolve("mislabelled.dp"),
                TestBundles.manifest("1.0.0", TestBundles.section("bundles/fr.mutualis.a.jar", "fr.mutualis.a", "9.0.0")),
                "bundles/fr.mutualis.a.jar", bundles.resolve("fr.mutualis.a.jar"));
        assertThatThrownBy(() -> reader.read(mislabelled))
                .hasMessage("bundles/fr.mutualis.a.jar is fr.mutualis.a 1.0.0 but the manifest declares fr.mutualis.a 9.0.0");

        Path notABundle = TestBundles.archive(dir.resolve("plain.dp"),
                TestBundles.manifest("1.0.0", TestBundles.section("bundles/plain.jar", "plain", "1.0.0")),
                "bundles/plain.jar", "not a zip".getBytes());
        assertThatThrownBy(() -> reader.read(notABundle)).hasMessageStartingWith("bundles/plain.jar is not a bundle");
    }

    @Test
    void malformedManifestsAreRefusedWithTheReason() throws Exception {
        Path bundle = bundles.resolve("fr.mutualis.a.jar");
        String section = TestBundles.section("bundles/fr.mutualis.a.jar", "fr.mutualis.a", "1.0.0");
        assertThatThrownBy(() -> reader.read(TestBundles.archive(dir.resolve("v.dp"),
                TestBundles.manifest("one.two", section), "bundles/fr.mutualis.a.jar", bundle)))
                .hasMessageStartingWith("DeploymentPackage-Version: 'one.two' is not an OSGi version");
        assertThatThrownBy(() -> reader.read(TestBundles.archive(dir.resolve("n.dp"),
                TestBundles.manifest("1.0.0", section).replace("fr.mutualis.gateway", "com.example.other"),
                "bundles/fr.mutualis.a.jar", bundle)))
                .hasMessage("DeploymentPackage-SymbolicName is 'com.example.other', expected 'fr.mutualis.gateway'");
        assertThatThrownBy(() -> reader.read(TestBundles.archive(dir.resolve("f.dp"),
                TestBundles.manifest("1.0.0", section).replace("Manifest-Version: 1.0\r\n",
                        "Manifest-Version: 1.0\r\nDeploymentPackage-FixPack: [1.0,2.0)\r\n"),
                "bundles/fr.mutualis.a.jar", bundle)))
                .hasMessageStartingWith("fix packs are not accepted");
        assertThatThrownBy(() -> reader.read(TestBundles.archive(dir.resolve("none.dp"), null,
                "bundles/fr.mutualis.a.jar", bundle)))
                .hasMessageStartingWith("no META-INF/MANIFEST.MF");
        Path notZip = Files.write(dir.resolve("garbage.dp"), "garbage, not a zip".getBytes());
        assertThatThrownBy(() -> reader.read(notZip)).isInstanceOf(PackageRefusedException.class);
    }

    @Test
    void pathTraversalAndStrayEntriesAreRefused() throws Exception {
        Path bundle = bundles.resolve("fr.mutualis.a.jar");
        String manifest = TestBundles.manifest("1.0.0", TestBundles.section("bundles/fr.mutualis.a.jar", "fr.mutualis.a", "1.0.0"));
        for (String evil : new String[] {"../evil.jar", "bundles/../../etc/passwd", "/etc/cron.d/evil", "bundles\\..\\x.jar"}) {
            Path dp = TestBundles.archive(dir.resolve("evil.dp"), manifest, "bundles/fr.mutualis.a.jar", bundle, evil, new byte[] {1});
            assertThatThrownBy(() -> reader.read(dp)).as(evil).hasMessageStartingWith("unsafe entry name");
        }
        Path stray = TestBundles.archive(dir.resolve("stray.dp"), manifest, "bundles/fr.mutualis.a.jar", bundle,
                "scripts/run.sh", new byte[] {1});
        assertThatThrownBy(() -> reader.read(stray)).hasMessageStartingWith("unexpected entry 'scripts/run.sh'");
    }

    @Test
    void zipBombsAreStoppedOnTheBytesActuallyInflated() throws Exception {
        Path bundle = bundles.resolve("fr.mutualis.a.jar");
        String manifest = TestBundles.manifest("1.0.0", TestBundles.section("bundles/fr.mutualis.a.jar", "fr.mutualis.a", "1.0.0"));
        Path bomb = TestBundles.archive(dir.resolve("bomb.dp"), manifest, "bundles/fr.mutualis.a.jar", bundle,
                "META-INF/padding", new byte[5 << 20]);
        PackageReader small = new PackageReader(new PackageLimits(100, 1 << 20, 4 << 20));
        assertThatThrownBy(() -> small.read(bomb)).hasMessage("entry META-INF/padding inflates to more than 1048576 bytes");

        Object[] many = new Object[2 * 12];
        for (int i = 0; i < 12; i++) {
            many[2 * i] = "META-INF/f" + i;
            many[2 * i + 1] = new byte[1];
        }
        Path crowded = TestBundles.archive(dir.resolve("crowded.dp"), manifest, many);
        assertThatThrownBy(() -> new PackageReader(new PackageLimits(10, 1 << 20, 4 << 20)).read(crowded))
                .hasMessage("more than 10 entries in the package");
    }
}
