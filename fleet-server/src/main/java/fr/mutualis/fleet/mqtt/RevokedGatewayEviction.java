package fr.mutualis.fleet.mqtt;

import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.GatewayRevoked;
import fr.mutualis.fleet.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Cuts a revoked gateway off an external broker that has no administrative API (Mosquitto 2.0
 * with an ACL file): the revocation list the broker has just reloaded refuses its next TLS
 * handshake, but its current connection stays open. So the fleet takes that connection over: it
 * connects under the gateway's identity (the broker forces the client id to the certificate's
 * name) with a clean start, which makes the broker close the gateway's connection and drop its
 * session, then disconnects.
 *
 * <p>The certificate used is minted for this alone: valid two minutes, its key generated here and
 * never written anywhere, not recorded as a gateway certificate (the embedded broker would refuse
 * it). The CA could issue such a certificate at any time anyway; this makes the power visible and
 * bounded. Created only for an external broker reached with a client certificate.
 */
class RevokedGatewayEviction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevokedGatewayEviction.class);
    static final Duration VALIDITY = Duration.ofMinutes(2);
    /**
     * The broker reloads its revocation list when signalled, asynchronously: the take-over waits this
     * long so that the gateway's immediate reconnection meets the new list.
     */
    static final Duration RELOAD_GRACE = Duration.ofSeconds(2);

    private final BrokerProperties broker;
    private final CertificateAuthority authority;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mutualis-eviction");
        thread.setDaemon(true);
        return thread;
    });

    RevokedGatewayEviction(BrokerProperties broker, CertificateAuthority authority) {
        this.broker = broker;
        this.authority = authority;
    }

    @EventListener
    public void onRevoked(GatewayRevoked revoked) {
        executor.schedule(() -> {
            try {
                evict(revoked.gatewayId());
            } catch (Exception e) {
                log.error("Could not cut revoked gateway {} off the broker {}: {}. The broker refuses its next "
                        + "connection once it has reloaded the revocation list.", revoked.gatewayId(), broker.url(),
                        e.getMessage());
            }
        }, RELOAD_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void evict(String gatewayId) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = authority.issueEviction(keys.getPublic(), gatewayId, VALIDITY);
        SSLContext tls = BrokerTls.context(keys.getPrivate(), List.of(certificate, authority.intermediate()),
                Pem.certificates(Files.readString(Path.of(broker.caFile()))));

        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(tls.getSocketFactory());
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), gatewayId, new MemoryPersistence());
        try {
            client.connect(options).waitForCompletion(15_000);
            client.disconnect(5_000).waitForCompletion(6_000);
            log.warn("Revoked gateway {} cut off the broker {} (session taken over and discarded)", gatewayId, broker.url());
        } finally {
            // Whatever happened, this identity must not stay connected.
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException notConnected) {
                // already disconnected
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                log.warn("Could not release the eviction client of {}: {}", gatewayId, e.getMessage());
            }
        }
    }
}
