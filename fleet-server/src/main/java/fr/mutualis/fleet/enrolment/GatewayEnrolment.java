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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import fr.mutualis.fleet.pki.GatewayCertificates;
import java.security.PublicKey;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.springframework.stereotype.Service;

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
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    GatewayEnrolment(EnrolmentTokens tokens, GatewayIssuance issuance, CertificateAuthority authority,
                     PkiProperties properties, JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events,
                     PlatformTransactionManager transactionManager) {
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tokens = tokens;
        this.issuance = issuance;
        this.authority = authority;
        this.properties = properties;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Enrols, then (once committed) tells the rest of the server. A request repeated with the same
     * code and the same key (the gateway did not get the first answer) gets the same certificate.
     */
    public EnrolmentResponse enrol(EnrolmentRequest request, String remoteAddress) {
        EnrolmentResponse enrolled = transactions.execute(status -> enrolInTransaction(request, remoteAddress));
        try {
            events.publishEvent(new GatewayEnrolled(enrolled.gatewayId(), enrolled.commune()));
        } catch (RuntimeException e) {
            log.error("Gateway {} enrolled, but telling the rest of the server failed: {}", enrolled.gatewayId(),
                    e.getMessage(), e);
        }
        return enrolled;
    }

    private EnrolmentResponse enrolInTransaction(EnrolmentRequest request, String remoteAddress) {
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
        EnrolmentTokens.ConsumedToken token;
        try {
            token = tokens.consume(request.code(), proposed);
        } catch (EnrolmentRefusedException refused) {
            if (refused.reason() == EnrolmentRefusedException.Reason.TOKEN_USED) {
                Optional<EnrolmentResponse> repeated = repeated(request.code(), csr);
                if (repeated.isPresent()) {
                    return repeated.get();
                }
            }
            throw refused;
        }
        return issue(token, proposed, csr, remoteAddress);
    }

    /** The answer already given for this code and this key, when the gateway asks again. */
    private Optional<EnrolmentResponse> repeated(String code, PKCS10CertificationRequest csr) {
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return tokens.usedTokenId(code).flatMap(token -> issuance.issuedFor(token, key)).map(pem -> {
            X509Certificate certificate = Pem.certificates(pem).get(0);
            String gatewayId = GatewayCertificates.commonName(certificate);
            log.info("Gateway {} asked again with the same code and key: same certificate {}", gatewayId,
                    certificate.getSerialNumber().toString(16));
            return response(gatewayId, jdbc.sql("SELECT commune FROM gateway WHERE id = :id").param("id", gatewayId)
                    .query(String.class).single(), certificate);
        });
    }

    private EnrolmentResponse issue(EnrolmentTokens.ConsumedToken token, String proposed, PKCS10CertificationRequest csr,
                                    String remoteAddress) {
        String gatewayId = gatewayId(token, proposed);
        Instant now = clock.instant();
        issuance.lockGateway(gatewayId);
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
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("serial", certificate.getSerialNumber().toString(16));
        recorded.put("token", token.id().toString());
        recorded.put("notAfter", certificate.getNotAfter().toInstant().toString());
        recorded.put("from", remoteAddress);
        audit.record(new Actor("gateway:" + gatewayId), "gateway.enrol", "gateway", gatewayId, token.commune(), null,
                recorded);
        log.info("Enrolled gateway {} in commune {} (certificate {}, token {})", gatewayId, token.commune(),
                certificate.getSerialNumber().toString(16), token.id());
        return response(gatewayId, token.commune(), certificate);
    }

    private EnrolmentResponse response(String gatewayId, String commune, X509Certificate certificate) {
        String site = jdbc.sql("SELECT s.name FROM gateway g JOIN site s ON s.id = g.site_id WHERE g.id = :id")
                .param("id", gatewayId).query(String.class).optional().orElse(null);
        return new EnrolmentResponse(gatewayId, commune, site, Pem.write(certificate, authority.intermediate()),
                Pem.write(authority.root()), properties.advertisedMqttUrl(), properties.fleetUrl(),
                properties.renewalUrl(), certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
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
