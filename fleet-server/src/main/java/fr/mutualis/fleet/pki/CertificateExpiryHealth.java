package fr.mutualis.fleet.pki;

import fr.mutualis.fleet.mqtt.BrokerProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The certificates the fleet's own operation depends on and that nothing renews by itself: the
 * issuing CA, and, for an external broker, the fleet's client certificate and the CA file it
 * trusts. Shown in {@code /actuator/health} under {@code certificateExpiry} with their days left;
 * a warning from 30 days before expiry, DOWN once one has expired (gateways would be refused, or
 * the fleet cut off its broker).
 */
@Component("certificateExpiry")
class CertificateExpiryHealth extends AbstractHealthIndicator {

    static final Duration WARNING = Duration.ofDays(30);

    private final CertificateAuthority authority;
    private final BrokerProperties broker;
    private final Clock clock = Clock.systemUTC();

    CertificateExpiryHealth(CertificateAuthority authority, BrokerProperties broker) {
        this.authority = authority;
        this.broker = broker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        Map<String, Object> certificates = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        boolean expired = false;
        expired |= check("issuingCa", authority.intermediate(), now, certificates, warnings);
        expired |= check("rootCa", authority.root(), now, certificates, warnings);
        expired |= checkFile("brokerClient", broker.clientCertificateFile(), now, certificates, warnings);
        expired |= checkFile("brokerCa", broker.caFile(), now, certificates, warnings);
        builder.status(expired ? Status.DOWN : Status.UP);
        builder.withDetail("certificates", certificates);
        if (!warnings.isEmpty()) {
            builder.withDetail("warnings", warnings);
        }
    }

    private boolean checkFile(String name, String file, Instant now, Map<String, Object> certificates,
                              List<String> warnings) {
        if (file == null || file.isBlank()) {
            return false;
        }
        try {
            List<X509Certificate> chain = Pem.certificates(Files.readString(Path.of(file)));
            boolean expired = false;
            for (int i = 0; i < chain.size(); i++) {
                expired |= check(chain.size() == 1 ? name : name + "[" + i + "]", chain.get(i), now, certificates, warnings);
            }
            return expired;
        } catch (IOException | IllegalArgumentException e) {
            warnings.add(name + ": cannot read " + file + ": " + e.getMessage());
            return false;
        }
    }

    private static boolean check(String name, X509Certificate certificate, Instant now, Map<String, Object> certificates,
                                 List<String> warnings) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        long daysLeft = Duration.between(now, notAfter).toDays();
        certificates.put(name, Map.of("subject", certificate.getSubjectX500Principal().getName(),
                "notAfter", notAfter.toString(), "daysLeft", daysLeft));
        if (notAfter.isBefore(now)) {
            warnings.add(name + " expired at " + notAfter);
            return true;
        }
        if (notAfter.isBefore(now.plus(WARNING))) {
            warnings.add(name + " expires in " + daysLeft + " days (" + notAfter + "): renew it");
        }
        return false;
    }
}
