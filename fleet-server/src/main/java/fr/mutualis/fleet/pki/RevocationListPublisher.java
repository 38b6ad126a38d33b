package fr.mutualis.fleet.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps the certificate revocation list current for an external broker: after each revocation and
 * well before the previous list's next-update time, writes it (atomically) where the broker reads
 * it and runs the broker's reload command (Mosquitto re-reads its CRL on SIGHUP). Without a
 * configured file this does nothing but serve {@link #current()} to the API.
 */
@Service
public class RevocationListPublisher {

    private static final Logger log = LoggerFactory.getLogger(RevocationListPublisher.class);

    private final CertificateAuthority authority;
    private final GatewayCertificates certificates;
    private final PkiProperties properties;
    private final Clock clock = Clock.systemUTC();

    RevocationListPublisher(CertificateAuthority authority, GatewayCertificates certificates, PkiProperties properties) {
        this.authority = authority;
        this.certificates = certificates;
        this.properties = properties;
    }

    public X509CRL current() {
        return authority.revocationList(certificates.revokedUnexpired(clock.instant()), properties.crlValidity());
    }

    /**
     * Also re-issued every {@code mutualis.pki.crl-refresh} (six hours), well within the list's
     * validity (seven days), so that a broker never holds an expired list.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${mutualis.pki.crl-refresh:PT6H}")
    public synchronized void publish() {
        if (properties.crlFile().isBlank()) {
            return;
        }
        Path file = Path.of(properties.crlFile());
        try {
            CertificateAuthority.writePublic(file, Pem.write(current()));
        } catch (IOException e) {
            log.error("Could not write the revocation list to {}: {}. Revoked gateways may still connect to the broker.",
                    file, e.getMessage());
            return;
        }
        reloadBroker();
    }

    private void reloadBroker() {
        List<String> command = properties.brokerReloadCommand().stream().filter(part -> !part.isBlank()).toList();
        if (command.isEmpty()) {
            return;
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.error("Broker reload command {} did not finish within 30 s", command);
            } else if (process.exitValue() != 0) {
                log.error("Broker reload command {} failed with exit code {}: {}", command, process.exitValue(),
                        new String(process.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            log.error("Could not run the broker reload command {}: {}", command, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
