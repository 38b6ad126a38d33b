package fr.mutualis.fleet.enrolment;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.CertificateView;
import fr.mutualis.fleet.pki.GatewayCertificates;
import fr.mutualis.fleet.pki.GatewayIssuance;
import fr.mutualis.fleet.pki.Pem;
import fr.mutualis.fleet.pki.PkiProperties;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Issues a gateway a new certificate before its current one expires. The current certificate,
 * presented in the TLS handshake and verified by it against the root, is the credential: it must
 * be one the fleet issued, neither revoked nor expired. The new certificate has the same gateway
 * id and commune; the old one stays valid until it expires, so that the gateway can finish
 * switching.
 */
@Service
public class GatewayRenewal {

    private static final Logger log = LoggerFactory.getLogger(GatewayRenewal.class);

    private final GatewayCertificates certificates;
    private final GatewayIssuance issuance;
    private final CertificateAuthority authority;
    private final PkiProperties properties;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    GatewayRenewal(GatewayCertificates certificates, GatewayIssuance issuance, CertificateAuthority authority,
                   PkiProperties properties, AuditLog audit, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.issuance = issuance;
        this.authority = authority;
        this.properties = properties;
        this.audit = audit;
    }

    @Transactional
    public EnrolmentResponse renew(X509Certificate presented, RenewalRequest request) {
        Instant now = clock.instant();
        CertificateView current = certificates.find(presented.getSerialNumber(), now)
                .filter(found -> found.fingerprint().equals(CertificateAuthority.hexFingerprint(presented)))
                .orElseThrow(() -> forbidden("This certificate was not issued to a gateway by this fleet."));
        // Serialised with revocation: a renewal cannot slip a fresh certificate past a revocation.
        certificates.lockGateway(current.gatewayId());
        current = certificates.find(presented.getSerialNumber(), now).orElseThrow();
        if (current.status() != CertificateView.Status.VALID) {
            throw forbidden("This certificate is " + current.status() + ": enrol the gateway again with a new code.");
        }
        PKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csr = Pem.csr(request == null ? null : request.csr());
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.BAD_CSR, e.getMessage());
        }
        GatewayCertificates.Latest latest = certificates.latest(current.gatewayId()).orElseThrow();
        if (!latest.revoked() && latest.publicKeySha256().equals(GatewayCertificates.keyDigest(key))) {
            // The gateway asks again for the key it already got a certificate for: the answer was lost.
            return response(current, Pem.certificates(latest.certificatePem()).get(0));
        }
        if (!latest.serial().equals(current.serial())) {
            throw forbidden("Only the gateway's most recent certificate (" + latest.serial() + ") can be renewed.");
        }
        if (latest.issuedAt().plus(properties.minRenewalInterval()).isAfter(now)) {
            throw forbidden("This certificate was issued at " + latest.issuedAt() + "; a gateway renews at most every "
                    + properties.minRenewalInterval() + ".");
        }
        X509Certificate renewed;
        try {
            renewed = issuance.issue(csr, current.gatewayId(), current.commune(), null, now);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.BAD_CSR, e.getMessage());
        }
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("previous", current.serial());
        recorded.put("serial", renewed.getSerialNumber().toString(16));
        recorded.put("notAfter", renewed.getNotAfter().toInstant().toString());
        audit.record(new Actor("gateway:" + current.gatewayId()), "gateway.renew", "gateway", current.gatewayId(),
                current.commune(), null, recorded);
        log.info("Renewed the certificate of gateway {}: {} replaces {}", current.gatewayId(),
                renewed.getSerialNumber().toString(16), current.serial());
        return response(current, renewed);
    }

    private EnrolmentResponse response(CertificateView current, X509Certificate certificate) {
        String site = jdbc.sql("SELECT s.name FROM gateway g JOIN site s ON s.id = g.site_id WHERE g.id = :id")
                .param("id", current.gatewayId()).query(String.class).optional().orElse(null);
        return new EnrolmentResponse(current.gatewayId(), current.commune(), site,
                Pem.write(certificate, authority.intermediate()), Pem.write(authority.root()),
                properties.advertisedMqttUrl(), properties.fleetUrl(), properties.renewalUrl(),
                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
    }

    static ErrorResponseException forbidden(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Renewal refused");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }
}
