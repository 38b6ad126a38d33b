package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The end-to-end path with the fleet server's embedded HiveMQ broker (the one-command default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedBrokerEndToEndIT extends EndToEndScenario {

    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "e2e-embedded");
    }

    @Override
    String brokerUrl() {
        return brokerUrl;
    }
}
