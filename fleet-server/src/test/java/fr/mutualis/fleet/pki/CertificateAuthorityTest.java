package fr.mutualis.fleet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.gateway.enrolment.CertificateRequest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void createsARootAndAnIntermediateOnceAndReopensThem() throws Exception {
        CertificateAuthority created = CertificateAuthority.open(dir, true, Clock.systemUTC());
        CertificateAuthority reopened = CertificateAuthority.open(dir, false, Clock.systemUTC());

        assertThat(reopened.root()).isEqualTo(created.root());
        assertThat(reopened.intermediate()).isEqualTo(created.intermediate());
        assertThat(created.intermediate().getBasicConstraints()).as("intermediate path length").isZero();
        assertThat(created.root().getBasicConstraints()).isEqualTo(1);
        for (String key : List.of(CertificateAuthority.ROOT_KEY, CertificateAuthority.INTERMEDIATE_KEY)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key)))).isEqualTo("rw-------");
        }
    }

    @Test
    void refusesToStartWithoutACaWhenCreationIsOff() {
        assertThatThrownBy(() -> CertificateAuthority.open(dir.resolve("empty"), false, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("docs/pki.md");
    }

    @Test
    void issuesAGatewayCertificateThatChainsToTheRootForTheCsrsKey() throws Exception {
        CertificateAuthority authority = CertificateAuthority.open(dir, true, Clock.systemUTC());
        KeyPair keys = ec();
        X509Certificate certificate = authority.issueGateway(Pem.csr(CertificateRequest.pem(keys, "ignored")),
                "gw-1", "35238", Duration.ofDays(30));

        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=gw-1", "OU=commune 35238");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getSubjectAlternativeNames()).anySatisfy(name ->
                assertThat(name.get(1)).isEqualTo("urn:mutualis:gateway:35238:gw-1"));
        assertThat(certificate.getSerialNumber().bitLength()).isEqualTo(128);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(authority.root(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(certificate, authority.intermediate())), parameters);
    }

    @Test
    void refusesACsrWhoseSignatureIsNotItsKeysAndWeakKeys() throws Exception {
        CertificateAuthority authority = CertificateAuthority.open(dir, true, Clock.systemUTC());
        KeyPair subject = ec();
        KeyPair other = ec();
        var forged = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=gw-1"), subject.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate()));
        assertThatThrownBy(() -> authority.issueGateway(forged, "gw-1", "35238", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not verify");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        var weakCsr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=gw-1"), weak.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(weak.getPrivate()));
        assertThatThrownBy(() -> authority.issueGateway(weakCsr, "gw-1", "35238", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");

        assertThatThrownBy(() -> Pem.csr("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pem.csr("")).hasMessageContaining("missing");
    }

    @Test
    void theRevocationListNamesTheRevokedSerialsAndIsSignedByTheIntermediate() throws Exception {
        CertificateAuthority authority = CertificateAuthority.open(dir, true, Clock.systemUTC());
        X509CRL crl = authority.revocationList(List.of(new RevokedCertificate(BigInteger.valueOf(42), Instant.now())),
                Duration.ofDays(7));

        crl.verify(authority.intermediate().getPublicKey());
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(42))).isNotNull();
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(43))).isNull();
        assertThat(crl.getNextUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(6)));
    }

    @Test
    void theGeneratedAclGivesEachGatewayOnlyItsOwnChannelsInTheirDirection() {
        String acl = MosquittoConfiguration.acl();
        assertThat(acl).contains("user fleet.mutualis\ntopic readwrite mutualis/v1/#",
                "pattern write mutualis/v1/+/%u/up", "pattern write mutualis/v1/+/%u/state",
                "pattern write mutualis/v1/+/%u/health", "pattern write mutualis/v1/+/%u/txack",
                "pattern read mutualis/v1/+/%u/down");
        assertThat(acl).doesNotContain("pattern readwrite", "pattern write mutualis/v1/+/%u/down");
    }

    private static KeyPair ec() throws Exception {
        return CertificateAuthority.generate("secp256r1");
    }
}
