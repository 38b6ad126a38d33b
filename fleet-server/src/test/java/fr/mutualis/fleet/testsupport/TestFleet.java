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
        registry.add("mutualis.database.embedded.data-dir", () -> state.resolve("postgres").toString());
        return "tcp://127.0.0.1:" + port;
    }

    /** An external broker instead of the embedded one, and embedded PostgreSQL in a fresh directory. */
    public static void withExternalBroker(DynamicPropertyRegistry registry, String name, Supplier<Object> brokerUrl)
            throws IOException {
        Path state = Files.createTempDirectory("mutualis-" + name);
        registry.add("mutualis.broker.embedded.enabled", () -> false);
        registry.add("mutualis.broker.url", brokerUrl);
        registry.add("mutualis.database.embedded.data-dir", () -> state.resolve("postgres").toString());
    }
}
