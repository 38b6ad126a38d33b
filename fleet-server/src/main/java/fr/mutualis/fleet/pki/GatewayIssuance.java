package fr.mutualis.fleet.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.stereotype.Service;

/** Issues a gateway's certificate and records it, so that the broker and the API know it. */
@Service
public class GatewayIssuance {

    private final CertificateAuthority authority;
    private final GatewayCertificates certificates;
    private final PkiProperties properties;

    GatewayIssuance(CertificateAuthority authority, GatewayCertificates certificates, PkiProperties properties) {
        this.authority = authority;
        this.certificates = certificates;
        this.properties = properties;
    }

    /** @throws IllegalArgumentException when the CSR does not verify or its key is too weak */
    public X509Certificate issue(PKCS10CertificationRequest csr, String gatewayId, String commune, UUID token,
                                 Instant now) {
        X509Certificate certificate = authority.issueGateway(csr, gatewayId, commune, properties.gatewayValidity());
        certificates.record(certificate, gatewayId, commune, token, now);
        return certificate;
    }

    public void lockGateway(String gatewayId) {
        certificates.lockGateway(gatewayId);
    }

    public java.util.Optional<String> issuedFor(UUID token, java.security.PublicKey key) {
        return certificates.issuedFor(token, key);
    }

    public boolean hasValidCertificate(String gatewayId, Instant now) {
        return certificates.hasValid(gatewayId, now);
    }
}
