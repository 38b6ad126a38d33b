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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * HiveMQ Community Edition, embedded: the broker of the one-command run. Started when the bean
 * is created, so that anything injected with it can connect straight away.
 */
public class EmbeddedMqttBroker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final EmbeddedBrokerProperties properties;

    public EmbeddedMqttBroker(EmbeddedBrokerProperties properties, BrokerCredentials fleetCredentials)
            throws IOException {
        this.properties = properties;
        Path root = properties.dataDir().toAbsolutePath();
        Path config = Files.createDirectories(root.resolve("conf"));
        Path data = Files.createDirectories(root.resolve("data"));
        Path extensions = Files.createDirectories(root.resolve("extensions"));
        Files.writeString(config.resolve("config.xml"), configXml(properties), StandardCharsets.UTF_8);

        GatewayTopicConfinement confinement =
                new GatewayTopicConfinement(fleetCredentials.clientId(), fleetCredentials.password());
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
        log.info("Embedded MQTT broker listening on {}:{} ({} persistence)", properties.bindAddress(),
                properties.port(), properties.persistence());
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
    private static String configXml(EmbeddedBrokerProperties properties) {
        String persistence = "in-memory".equals(properties.persistence()) ? "in-memory" : "file";
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
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
                """.formatted(properties.port(), properties.bindAddress(), persistence, MAX_QUEUED_MESSAGES_PER_CLIENT);
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
