package fr.mutualis.fleet.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings for a fleet server under test: its own state directory, its own ports. */
public final class TestFleet {

    private TestFleet() {
    }

    /**
     * The embedded broker on a free port with in-memory persistence, and embedded PostgreSQL in a
     * fresh directory. Returns the broker's URL.
     */
    public static String withEmbeddedBroker(DynamicPropertyRegistry registry, String name) throws IOException {
        Path state = Files.createTempDirectory("mutualis-" + name);
        int port = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.port", () -> port);
        registry.add("mutualis.broker.embedded.persistence", () -> "in-memory");
        registry.add("mutualis.broker.embedded.data-dir", () -> state.resolve("broker").toString());
        // These tests' gateways are processes or fakes on the loopback that do not enrol: the
        // explicitly named demo mode lets them in by client id. Enrolment tests turn it off.
        registry.add("mutualis.broker.embedded.loopback-demo-gateways", () -> true);
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> true);
        int tlsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.tls-port", () -> tlsPort);
        registry.add("mutualis.database.embedded.data-dir", () -> state.resolve("postgres").toString());
        int databasePort = FreePorts.tcp();
        registry.add("mutualis.database.embedded.port", () -> databasePort);
        withPki(registry, state);
        return "tcp://127.0.0.1:" + port;
    }

    /** The CA in the test's state directory, and the gateways' HTTPS port on a free port. */
    public static void withPki(DynamicPropertyRegistry registry, Path state) throws IOException {
        int httpsPort = FreePorts.tcp();
        registry.add("mutualis.pki.dir", () -> state.resolve("pki").toString());
        registry.add("mutualis.pki.https-port", () -> httpsPort);
    }

    /** An external broker instead of the embedded one, and embedded PostgreSQL in a fresh directory. */
    public static void withExternalBroker(DynamicPropertyRegistry registry, String name, Supplier<Object> brokerUrl)
            throws IOException {
        Path state = Files.createTempDirectory("mutualis-" + name);
        registry.add("mutualis.broker.embedded.enabled", () -> false);
        registry.add("mutualis.broker.url", brokerUrl);
        // These tests' gateways connect to a test broker without certificates (loopback demo mode).
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> true);
        registry.add("mutualis.database.embedded.data-dir", () -> state.resolve("postgres").toString());
        int databasePort = FreePorts.tcp();
        registry.add("mutualis.database.embedded.port", () -> databasePort);
        withPki(registry, state);
    }
}
