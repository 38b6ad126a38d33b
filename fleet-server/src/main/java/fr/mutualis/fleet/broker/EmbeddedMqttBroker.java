package fr.mutualis.fleet.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import fr.mutualis.fleet.mqtt.BrokerCredentials;
import fr.mutualis.fleet.pki.GatewayCertificates;
import fr.mutualis.fleet.pki.GatewayRevoked;
import fr.mutualis.fleet.pki.ServerIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

/**
 * HiveMQ Community Edition, embedded: the broker of the one-command run. Started when the bean
 * is created, so that anything injected with it can connect straight away.
 */
public class EmbeddedMqttBroker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final EmbeddedBrokerProperties properties;

    public EmbeddedMqttBroker(EmbeddedBrokerProperties properties, BrokerCredentials fleetCredentials,
                              ServerIdentity serverIdentity, GatewayCertificates certificates) throws IOException {
        this.properties = properties;
        Path root = properties.dataDir().toAbsolutePath();
        Path config = Files.createDirectories(root.resolve("conf"));
        Path data = Files.createDirectories(root.resolve("data"));
        Path extensions = Files.createDirectories(root.resolve("extensions"));
        String tlsListener = properties.tlsPort() > 0 ? tlsListener(properties, serverIdentity, config) : "";
        Files.writeString(config.resolve("config.xml"), configXml(properties, tlsListener), StandardCharsets.UTF_8);
        if (properties.loopbackDemoGateways()) {
            log.warn("Loopback demo mode: gateways may connect to the embedded broker on {}:{} without a certificate",
                    properties.bindAddress(), properties.port());
        }

        GatewayTopicConfinement confinement = new GatewayTopicConfinement(fleetCredentials.clientId(),
                fleetCredentials.password(), certificates, properties.loopbackDemoGateways());
        EmbeddedExtension security = EmbeddedExtension.builder()
                .withId("mutualis-topic-confinement")
                .withName("Mutualis gateway topic confinement")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withAuthor("Mutualis")
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> confinement);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                        // nothing to release
                    }
                })
                .build();

        this.hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(security)
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("embedded MQTT broker did not start on " + properties.bindAddress() + ":"
                    + properties.port() + ": " + e.getMessage(), e);
        }
        log.info("Embedded MQTT broker listening on {}:{}{} ({} persistence)", properties.bindAddress(),
                properties.port(), properties.tlsPort() > 0 ? " and, for gateways, with TLS and client certificates on "
                        + properties.tlsBindAddress() + ":" + properties.tlsPort() : "", properties.persistence());
    }

    /**
     * A revoked gateway is cut off at once: its connection closed and its session (with anything
     * queued for it) discarded. The authenticator refuses its certificate from now on.
     */
    @EventListener
    public void onRevoked(GatewayRevoked revoked) {
        invalidate(revoked);
        // A connection authenticated just before the revocation committed may complete just after
        // the first invalidation: a second one, a few seconds later, closes that window.
        CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(() -> invalidate(revoked));
    }

    private void invalidate(GatewayRevoked revoked) {
        Services.clientService().invalidateSession(revoked.gatewayId()).whenComplete((existed, failure) -> {
            if (failure != null) {
                log.warn("Could not disconnect revoked gateway {}: {}", revoked.gatewayId(), failure.getMessage());
            } else {
                log.info("Revoked gateway {} disconnected{}", revoked.gatewayId(),
                        Boolean.TRUE.equals(existed) ? "" : " (it had no session)");
            }
        });
    }

    /**
     * The gateways' listener: TLS with a key store holding a server certificate the CA issued at
     * this start, and a trust store holding only the syndicate's root, with client certificates
     * required. The stores are files because HiveMQ reads files; their password is random, and the
     * files are readable by this user only.
     */
    private static String tlsListener(EmbeddedBrokerProperties properties, ServerIdentity identity, Path config)
            throws IOException {
        String password = UUID.randomUUID().toString();
        Path keyStore = config.resolve("broker-keystore.jks");
        Path trustStore = config.resolve("broker-truststore.jks");
        try {
            KeyStore keys = KeyStore.getInstance("JKS");
            keys.load(null, null);
            KeyStore issued = identity.keyStore("broker", password.toCharArray());
            keys.setKeyEntry("broker", issued.getKey("broker", password.toCharArray()), password.toCharArray(),
                    issued.getCertificateChain("broker"));
            store(keys, keyStore, password);
            KeyStore trusted = KeyStore.getInstance("JKS");
            trusted.load(null, null);
            KeyStore roots = identity.trustStore();
            trusted.setCertificateEntry("mutualis-root", roots.getCertificate("mutualis-root"));
            store(trusted, trustStore, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not write the broker's key stores: " + e.getMessage(), e);
        }
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <truststore>
                                    <path>%s</path>
                                    <password>%s</password>
                                </truststore>
                                <client-authentication-mode>REQUIRED</client-authentication-mode>
                                <protocols>
                                    <protocol>TLSv1.3</protocol>
                                    <protocol>TLSv1.2</protocol>
                                </protocols>
                            </tls>
                        </tls-tcp-listener>
                """.formatted(properties.tlsPort(), properties.tlsBindAddress(), keyStore, password, password,
                trustStore, password);
    }

    private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    /**
     * Messages the broker holds per client beyond what is in flight. HiveMQ's default (1,000,
     * Mosquitto's too) silently discards the rest: the fleet's own session is the single consumer
     * of every gateway's traffic and falls that far behind in seconds during a reconnect storm or
     * a restart of the fleet server, losing births, last wills and readings. Gateways' own queues
     * (downlinks) stay small.
     */
    static final long MAX_QUEUED_MESSAGES_PER_CLIENT = 10_000_000L;

    /** HiveMQ's configuration; statistics reporting is off: no component calls a third-party service. */
    private static String configXml(EmbeddedBrokerProperties properties, String tlsListener) {
        String persistence = "in-memory".equals(properties.persistence()) ? "in-memory" : "file";
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                %s    </listeners>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(properties.port(), properties.bindAddress(), tlsListener, persistence,
                MAX_QUEUED_MESSAGES_PER_CLIENT);
    }

    public String url() {
        return "tcp://" + properties.bindAddress() + ":" + properties.port();
    }

    @Override
    public void destroy() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }
}
