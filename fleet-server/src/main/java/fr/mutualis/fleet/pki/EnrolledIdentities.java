package fr.mutualis.fleet.pki;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the message router checks a gateway's messages against, held in memory (it is asked for
 * every message): a revoked gateway, or one whose certificates have all expired, is ignored
 * whatever still reaches the fleet, and an enrolled gateway may speak only for the commune it was
 * enrolled in. An external broker's ACL pattern confines a gateway to its own id but cannot know
 * its commune, and does not drop a connection whose certificate expires: this closes both gaps.
 * A gateway that never had a certificate is refused too, except in the explicitly named loopback
 * demo mode ({@code mutualis.mqtt.accept-unenrolled-gateways}), where gateways are identified by
 * their client id alone.
 */
@Component
public class EnrolledIdentities {

    private final GatewayCertificates certificates;
    private final boolean acceptUnenrolled;
    private final Clock clock = Clock.systemUTC();
    private volatile Map<String, GatewayCertificates.EnrolledGateway> enrolled = Map.of();
    private volatile Set<String> revoked = Set.of();

    EnrolledIdentities(GatewayCertificates certificates,
                       @Value("${mutualis.mqtt.accept-unenrolled-gateways:false}") boolean acceptUnenrolled) {
        this.certificates = certificates;
        this.acceptUnenrolled = acceptUnenrolled;
    }

    /** Why a message from this gateway, on a topic of this commune, must be ignored; empty when it may pass. */
    public Optional<String> refusal(String gatewayId, String commune) {
        if (revoked.contains(gatewayId)) {
            return Optional.of("revoked");
        }
        GatewayCertificates.EnrolledGateway gateway = enrolled.get(gatewayId);
        if (gateway == null) {
            return acceptUnenrolled ? Optional.empty() : Optional.of("not-enrolled");
        }
        if (!gateway.commune().equals(commune)) {
            return Optional.of("commune-mismatch");
        }
        if (!gateway.valid()) {
            return Optional.of("certificate-expired");
        }
        return Optional.empty();
    }

    /**
     * Reloaded after every enrolment and revocation, and every minute for other servers' changes
     * and for expiries.
     */
    @EventListener({GatewayEnrolled.class, GatewayRevoked.class})
    @Scheduled(initialDelay = 0, fixedDelay = 60_000)
    public synchronized void reload() {
        Map<String, GatewayCertificates.EnrolledGateway> byId = new HashMap<>();
        certificates.enrolledGateways(clock.instant()).forEach(gateway -> byId.put(gateway.gatewayId(), gateway));
        Set<String> revokedNow = Set.copyOf(certificates.revokedGateways());
        this.enrolled = Map.copyOf(byId);
        this.revoked = revokedNow;
    }
}
