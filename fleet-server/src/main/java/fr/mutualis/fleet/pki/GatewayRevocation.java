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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Revokes a gateway: every certificate it holds, at once. Once committed, the CRL is re-published
 * for an external broker and {@link GatewayRevoked} tells the embedded broker to disconnect it and
 * the message router to ignore it.
 */
@Service
public class GatewayRevocation {

    private static final Logger log = LoggerFactory.getLogger(GatewayRevocation.class);

    private final GatewayCertificates certificates;
    private final RevocationListPublisher publisher;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    GatewayRevocation(GatewayCertificates certificates, RevocationListPublisher publisher,
                      ApplicationEventPublisher events, AuditLog audit) {
        this.certificates = certificates;
        this.publisher = publisher;
        this.events = events;
        this.audit = audit;
    }

    @Transactional
    public Revocation revoke(String gatewayId, String commune, String reason, Actor actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why the gateway is revoked (reason)");
        }
        Instant now = clock.instant();
        List<String> serials = certificates.revokeAll(gatewayId, reason.trim(), now);
        audit.record(actor, "gateway.revoke", "gateway", gatewayId, commune, null,
                Map.of("reason", reason.trim(), "serials", serials));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.publish();
                events.publishEvent(new GatewayRevoked(gatewayId, serials));
                log.warn("Gateway {} revoked by {} ({}): certificates {}", gatewayId, actor.name(), reason, serials);
            }
        });
        return new Revocation(gatewayId, serials, now);
    }

    /** What a revocation did. */
    public record Revocation(String gatewayId, List<String> revokedCertificates, Instant revokedAt) {
    }
}
