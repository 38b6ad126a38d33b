package fr.mutualis.fleet.pki;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the message router checks a gateway's messages against, held in memory (it is asked for
 * every message): a revoked gateway is ignored whatever still reaches the fleet, and an enrolled
 * gateway may speak only for the commune it was enrolled in. An external broker's ACL pattern
 * confines a gateway to its own id but cannot know its commune; this closes that gap. Gateways
 * with no certificate at all can only exist in the loopback demo mode and are let through.
 */
@Component
public class EnrolledIdentities {

    private final GatewayCertificates certificates;
    private final Clock clock = Clock.systemUTC();
    private volatile Map<String, String> communeByGateway = Map.of();
    private volatile Set<String> revoked = Set.of();

    EnrolledIdentities(GatewayCertificates certificates) {
        this.certificates = certificates;
    }

    /** Why a message from this gateway, on a topic of this commune, must be ignored; empty when it may pass. */
    public Optional<String> refusal(String gatewayId, String commune) {
        if (revoked.contains(gatewayId)) {
            return Optional.of("revoked");
        }
        String enrolledIn = communeByGateway.get(gatewayId);
        if (enrolledIn != null && !enrolledIn.equals(commune)) {
            return Optional.of("commune-mismatch");
        }
        return Optional.empty();
    }

    /** Reloaded after every enrolment and revocation, and every minute for other servers' changes and expiries. */
    @EventListener({GatewayEnrolled.class, GatewayRevoked.class})
    @Scheduled(initialDelay = 0, fixedDelay = 60_000)
    public synchronized void reload() {
        Map<String, String> communes = new HashMap<>();
        certificates.enrolledGateways(clock.instant()).forEach(gateway -> communes.put(gateway.gatewayId(), gateway.commune()));
        Set<String> revokedNow = Set.copyOf(certificates.revokedGateways());
        this.communeByGateway = Map.copyOf(communes);
        this.revoked = revokedNow;
    }
}
