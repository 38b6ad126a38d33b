package fr.mutualis.gateway.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/** Our hand-made DER against an independent parser: Bouncy Castle reads and verifies the CSR. */
class CertificateRequestTest {

    @Test
    void bouncyCastleParsesAndVerifiesTheRequest() throws Exception {
        KeyPair keys = keys();
        PKCS10CertificationRequest csr = parse(CertificateRequest.pem(keys, "gw-35238-mairie"));

        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(csr.getSubjectPublicKeyInfo())))
                .isTrue();
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(IETFUtils.valueToString(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()))
                .isEqualTo("gw-35238-mairie");
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(csr.getAttributes()).isEmpty();
    }

    @Test
    void anEmptyNameLeavesTheSubjectEmpty() throws Exception {
        PKCS10CertificationRequest csr = parse(CertificateRequest.pem(keys(), ""));

        assertThat(csr.getSubject().getRDNs()).isEmpty();
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(csr.getSubjectPublicKeyInfo())))
                .isTrue();
    }

    @Test
    void aLongNameUsesTheLongLengthForm() throws Exception {
        String name = "g" + "-".repeat(62) + "1";
        PKCS10CertificationRequest csr = parse(CertificateRequest.pem(keys(), name));

        assertThat(IETFUtils.valueToString(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue())).isEqualTo(name);
    }

    @Test
    void aTamperedRequestDoesNotVerify() throws Exception {
        String pem = CertificateRequest.pem(keys(), "gw-a");
        PKCS10CertificationRequest csr = parse(pem);
        PKCS10CertificationRequest other = parse(CertificateRequest.pem(keys(), "gw-a"));
        // the first request's content with the second's signature
        byte[] info = csr.toASN1Structure().getCertificationRequestInfo().getEncoded();
        var swapped = new PKCS10CertificationRequest(new org.bouncycastle.asn1.pkcs.CertificationRequest(
                org.bouncycastle.asn1.pkcs.CertificationRequestInfo.getInstance(info),
                other.getSignatureAlgorithm(), other.toASN1Structure().getSignature()));

        assertThat(swapped.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(swapped.getSubjectPublicKeyInfo())))
                .isFalse();
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static PKCS10CertificationRequest parse(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (PKCS10CertificationRequest) parser.readObject();
        }
    }
}
