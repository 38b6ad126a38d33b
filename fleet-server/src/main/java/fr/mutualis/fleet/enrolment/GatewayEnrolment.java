package fr.mutualis.fleet.enrolment;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.GatewayIssuance;
import fr.mutualis.fleet.pki.Pem;
import fr.mutualis.fleet.pki.PkiProperties;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import fr.mutualis.fleet.pki.GatewayEnrolled;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a token and a CSR into a gateway certificate: the token is consumed, the certificate
 * issued and recorded, the gateway registered in the token's commune and site, and the whole is
 * audited, in one transaction: a refusal leaves the token usable.
 */
@Service
public class GatewayEnrolment {

    private static final Logger log = LoggerFactory.getLogger(GatewayEnrolment.class);

    private final EnrolmentTokens tokens;
    private final GatewayIssuance issuance;
    private final CertificateAuthority authority;
    private final PkiProperties properties;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    GatewayEnrolment(EnrolmentTokens tokens, GatewayIssuance issuance, CertificateAuthority authority,
                     PkiProperties properties, JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events) {
        this.events = events;
        this.tokens = tokens;
        this.issuance = issuance;
        this.authority = authority;
        this.properties = properties;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public EnrolmentResponse enrol(EnrolmentRequest request, String remoteAddress) {
        if (request == null) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.BAD_CSR, "the body must be {code, csr}");
        }
        PKCS10CertificationRequest csr;
        try {
            csr = Pem.csr(request.csr());
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.BAD_CSR, e.getMessage());
        }
        String proposed = commonName(csr).orElse(null);
        // A refusal below rolls the transaction back, consumption included: when the token was not
        // the problem, the technician can retry with the same code.
        EnrolmentTokens.ConsumedToken token = tokens.consume(request.code(), proposed);
        return issue(token, proposed, csr, remoteAddress);
    }

    private EnrolmentResponse issue(EnrolmentTokens.ConsumedToken token, String proposed, PKCS10CertificationRequest csr,
                                    String remoteAddress) {
        String gatewayId = gatewayId(token, proposed);
        Instant now = clock.instant();
        if (issuance.hasValidCertificate(gatewayId, now)) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.GATEWAY_ALREADY_ENROLLED,
                    "Gateway " + gatewayId + " already holds a valid certificate. To replace the gateway, revoke it "
                            + "first (mutualis revoke " + gatewayId + ").");
        }
        Optional<String> registeredCommune = jdbc.sql("SELECT commune FROM gateway WHERE id = :id")
                .param("id", gatewayId).query(String.class).optional();
        if (registeredCommune.isPresent() && !registeredCommune.get().equals(token.commune())) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.GATEWAY_IN_OTHER_COMMUNE,
                    "Gateway " + gatewayId + " is registered in commune " + registeredCommune.get()
                            + ", and this code is for commune " + token.commune() + ".");
        }
        X509Certificate certificate;
        try {
            certificate = issuance.issue(csr, gatewayId, token.commune(), token.id(), now);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.BAD_CSR, e.getMessage());
        }
        jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at, site_id)
                VALUES (:id, :commune, 'OFFLINE', 'enrolled, not connected yet', :now, :now, :now, :site)
                ON CONFLICT (id) DO UPDATE SET site_id = COALESCE(EXCLUDED.site_id, gateway.site_id)
                """)
                .param("id", gatewayId).param("commune", token.commune()).param("site", token.siteId())
                .param("now", Timestamp.from(now))
                .update();
        String site = token.siteId() == null ? null : jdbc.sql("SELECT name FROM site WHERE id = :id")
                .param("id", token.siteId()).query(String.class).single();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("serial", certificate.getSerialNumber().toString(16));
        recorded.put("token", token.id().toString());
        recorded.put("notAfter", certificate.getNotAfter().toInstant().toString());
        recorded.put("from", remoteAddress);
        audit.record(new Actor("gateway:" + gatewayId), "gateway.enrol", "gateway", gatewayId, token.commune(), null,
                recorded);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                events.publishEvent(new GatewayEnrolled(gatewayId, token.commune()));
            }
        });
        log.info("Enrolled gateway {} in commune {} (certificate {}, token {})", gatewayId, token.commune(),
                certificate.getSerialNumber().toString(16), token.id());
        return new EnrolmentResponse(gatewayId, token.commune(), site,
                Pem.write(certificate, authority.intermediate()), Pem.write(authority.root()),
                properties.advertisedMqttUrl(), properties.fleetUrl(), certificate.getSerialNumber().toString(16),
                certificate.getNotAfter().toInstant());
    }

    private static String gatewayId(EnrolmentTokens.ConsumedToken token, String proposed) {
        if (token.gatewayId() != null) {
            if (proposed != null && !proposed.equals(token.gatewayId())) {
                throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.GATEWAY_ID_MISMATCH,
                        "This code is for gateway " + token.gatewayId() + ", and this gateway calls itself " + proposed
                                + ". Enrol the right gateway, or create a code without a gateway id.");
            }
            return token.gatewayId();
        }
        if (proposed == null) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.NO_GATEWAY_ID,
                    "This code does not name the gateway, and the request proposes no id (the CSR's common name).");
        }
        if (!Identifiers.isValidGatewayId(proposed)) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.BAD_CSR,
                    "The proposed gateway id '" + proposed + "' is not valid: a-z, 0-9 and '-', at most 64 characters.");
        }
        return proposed;
    }

    private static Optional<String> commonName(PKCS10CertificationRequest csr) {
        RDN[] names = csr.getSubject().getRDNs(BCStyle.CN);
        if (names.length == 0) {
            return Optional.empty();
        }
        String name = IETFUtils.valueToString(names[0].getFirst().getValue()).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
