package fr.mutualis.fleet.pki;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Revokes a gateway: every certificate it holds, at once, serialised with its enrolments and
 * renewals. Once committed — outside the transaction, each step on its own so that one failing
 * does not stop the others or fail the request that already revoked — the CRL is re-published for
 * an external broker, and {@link GatewayRevoked} tells the embedded broker to disconnect it, the
 * message router to ignore it and presence to mark it offline.
 */
@Service
public class GatewayRevocation {

    private static final Logger log = LoggerFactory.getLogger(GatewayRevocation.class);

    private final GatewayCertificates certificates;
    private final RevocationListPublisher publisher;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    GatewayRevocation(GatewayCertificates certificates, RevocationListPublisher publisher,
                      ApplicationEventPublisher events, AuditLog audit, PlatformTransactionManager transactionManager) {
        this.certificates = certificates;
        this.publisher = publisher;
        this.events = events;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @throws IllegalArgumentException without a reason (400)
     * @throws ErrorResponseException   409 when the gateway holds no certificate to revoke
     */
    public Revocation revoke(String gatewayId, String commune, String reason, Actor actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why the gateway is revoked (reason)");
        }
        Revocation revocation = transactions.execute(status -> {
            certificates.lockGateway(gatewayId);
            Instant now = clock.instant();
            List<String> serials = certificates.revokeAll(gatewayId, reason.trim(), now);
            if (serials.isEmpty()) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Gateway " + gatewayId
                        + " holds no certificate that is not revoked already: there is nothing to revoke.");
                problem.setTitle("Nothing to revoke");
                throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
            }
            audit.record(actor, "gateway.revoke", "gateway", gatewayId, commune, null,
                    Map.of("reason", reason.trim(), "serials", serials));
            return new Revocation(gatewayId, serials, now);
        });
        log.warn("Gateway {} revoked by {} ({}): certificates {}", gatewayId, actor.name(), reason,
                revocation.revokedCertificates());
        try {
            publisher.publish();
        } catch (RuntimeException e) {
            log.error("Gateway {} revoked, but the revocation list could not be published: {}", gatewayId, e.getMessage(), e);
        }
        try {
            events.publishEvent(new GatewayRevoked(gatewayId, revocation.revokedCertificates()));
        } catch (RuntimeException e) {
            log.error("Gateway {} revoked, but telling the rest of the server failed: {}", gatewayId, e.getMessage(), e);
        }
        return revocation;
    }

    /** What a revocation did. */
    public record Revocation(String gatewayId, List<String> revokedCertificates, Instant revokedAt) {
    }
}
