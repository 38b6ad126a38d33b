package fr.mutualis.gateway.enrolment.agent;

import fr.mutualis.gateway.enrolment.EnrolledIdentity;
import fr.mutualis.gateway.enrolment.EnrolmentClient;
import fr.mutualis.gateway.enrolment.EnrolmentException;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.service.log.Logger;

/**
 * Renews the gateway's certificate before it expires: checked periodically, renewed once less
 * than the configured share of its lifetime remains, retried at the next check when the fleet
 * cannot be reached (a gateway offline for days renews when it is back, as long as its
 * certificate is still valid). The renewal replaces key and certificate atomically.
 */
final class CertificateRenewal {

    private final IdentityFiles files;
    private final EnrolmentClient client;
    private final Duration checkInterval;
    private final int renewAtRemainingPercent;
    private final Consumer<EnrolledIdentity> renewed;
    private final Logger log;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    CertificateRenewal(IdentityFiles files, EnrolmentClient client, Duration checkInterval, int renewAtRemainingPercent,
                       Consumer<EnrolledIdentity> renewed, Logger log) {
        this.files = files;
        this.client = client;
        this.checkInterval = checkInterval;
        this.renewAtRemainingPercent = renewAtRemainingPercent;
        this.renewed = renewed;
        this.log = log;
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-certificate-renewal");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, checkInterval.toMillis(), checkInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    synchronized void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void check() {
        try {
            EnrolledIdentity current = files.load().orElse(null);
            if (current == null) {
                return;
            }
            X509Certificate certificate = certificate(current);
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant now = clock.instant();
            if (now.isAfter(notAfter)) {
                log.error("The gateway's certificate {} expired at {}: it must be enrolled again with a new code",
                        current.serial(), notAfter);
                return;
            }
            Duration lifetime = Duration.between(notBefore, notAfter);
            Instant renewFrom = notAfter.minus(lifetime.multipliedBy(renewAtRemainingPercent).dividedBy(100));
            if (now.isBefore(renewFrom)) {
                return;
            }
            log.info("Certificate {} expires at {}: renewing", current.serial(), notAfter);
            EnrolledIdentity next = client.renew(files);
            log.info("Renewed certificate: {} replaces {}, valid until {}", next.serial(), current.serial(), next.notAfter());
            renewed.accept(next);
        } catch (EnrolmentException e) {
            log.warn("Certificate renewal failed ({}), retrying at the next check: {}", e.reason(), e.getMessage());
        } catch (IOException | CertificateException | RuntimeException e) {
            log.error("Certificate renewal check failed: {}", e.getMessage());
        }
    }

    private X509Certificate certificate(EnrolledIdentity identity) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(files.certificateChainFile(identity))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
