package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The end-to-end path with the fleet server's embedded HiveMQ broker (the one-command default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedBrokerEndToEndIT extends EndToEndScenario {

    private static final int MQTT_PORT = FreePorts.tcp();

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        Path state = Files.createTempDirectory("mutualis-e2e-embedded");
        registry.add("mutualis.broker.embedded.port", () -> MQTT_PORT);
        registry.add("mutualis.broker.embedded.persistence", () -> "in-memory");
        registry.add("mutualis.broker.embedded.data-dir", () -> state.resolve("broker").toString());
        registry.add("mutualis.database.embedded.data-dir", () -> state.resolve("postgres").toString());
    }

    @Override
    String brokerUrl() {
        return "tcp://127.0.0.1:" + MQTT_PORT;
    }
}
