package fr.mutualis.fleet.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same end-to-end path through Eclipse Mosquitto (Debian's package) as an independent broker:
 * nothing in the gateway or the fleet may depend on HiveMQ's particulars. Under CI a missing
 * Mosquitto is a failure, not a skip.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MosquittoEndToEndIT extends EndToEndScenario {

    private static MosquittoBroker mosquitto;
    private UpObserver observer;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        mosquitto = MosquittoBroker.startForFleet(registry, "e2e-mosquitto");
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @BeforeEach
    void observe() throws Exception {
        observer = new UpObserver(mosquitto.url());
    }

    @AfterEach
    void stopObserving() throws Exception {
        observer.close();
    }

    @Override
    String brokerUrl() {
        return mosquitto.url();
    }

    @Override
    UpObserver observer() {
        return observer;
    }
}
