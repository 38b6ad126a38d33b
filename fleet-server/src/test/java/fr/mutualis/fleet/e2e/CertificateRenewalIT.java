package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Certificate rotation: with two-minute certificates, a gateway renews its own over mutual TLS
 * once a quarter of the lifetime has passed, switches its uplink to the new key, and its readings
 * keep arriving. Without its certificate nobody can renew (the isolation matrix checks the route).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CertificateRenewalIT {

    private static final String COMMUNE = "35238";
    private static final String GATEWAY = "gw-renewing";
    private static int tlsPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        TestFleet.withEmbeddedBroker(registry, "renewal");
        tlsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.tls-port", () -> tlsPort);
        registry.add("mutualis.broker.embedded.loopback-demo-gateways", () -> false);
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> false);
        registry.add("mutualis.pki.advertised-mqtt-url", () -> "ssl://localhost:" + tlsPort);
        registry.add("mutualis.pki.gateway-validity", () -> "PT2M");
        registry.add("mutualis.pki.min-renewal-interval", () -> "PT10S");
    }

    @Test
    void aGatewayRenewsItsCertificateBeforeItExpiresAndKeepsSendingReadings() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        api.send("POST", "/api/communes", "{\"code\":\"" + COMMUNE + "\",\"name\":\"Rennes\"}");
        var created = api.send("POST", "/api/enrolment-tokens", "{\"commune\":\"" + COMMUNE + "\"}");
        String invitation = JsonMapper.builder().build().readTree(created.body()).get("enrolmentUrl").asString();
        int udpPort = FreePorts.udp();
        try (GatewayProcess gateway = GatewayProcess.startEnrolling(work.resolve(GATEWAY), invitation, GATEWAY, udpPort,
                "enrolment.renewal.check.seconds=2", "enrolment.renewal.at.percent=50");
             ConcentratorSimulator concentrator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                     41L, Duration.ofSeconds(2), 3)) {
            TrafficGenerator traffic = new TrafficGenerator(42, 2, 8);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
                concentrator.push(List.of(traffic.next(Instant.now())));
                return api.gateway(GATEWAY).map(view -> view.get("readingCount").asLong() > 0).orElse(false);
            });
            String firstSerial = api.get("/api/gateways/" + GATEWAY + "/certificates").get(0).get("serial").asString();

            // Certificates are back-dated a minute (clock skew): half of their three minutes remain 30 s after issue.
            await().atMost(Duration.ofSeconds(90)).until(() -> gateway.log().contains("Renewed certificate"));
            JsonNode certificates = api.get("/api/gateways/" + GATEWAY + "/certificates");
            assertThat(certificates.size()).isGreaterThanOrEqualTo(2);
            String renewedSerial = certificates.get(0).get("serial").asString();
            assertThat(renewedSerial).isNotEqualTo(firstSerial);
            assertThat(certificates.get(0).get("status").asString()).isEqualTo("VALID");
            assertThat(gateway.log()).containsPattern(Pattern.quote("Renewed certificate: ") + "[0-9a-f]+ replaces " + firstSerial);

            // The uplink switched to the new key: it connects again, and readings keep arriving.
            IdentityFiles files = IdentityFiles.under(work.resolve(GATEWAY).resolve("data"));
            await().atMost(Duration.ofSeconds(30)).until(() -> files.load().orElseThrow().serial().equals(renewedSerial)
                    || !files.load().orElseThrow().serial().equals(firstSerial));
            assertThat(Files.exists(files.certificateChainFile())).isTrue();
            try (var listing = Files.list(files.rootCaFile().getParent())) {
                assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gateway-")))
                        .as("only the current key and certificate are kept").hasSize(2);
            }
            long before = api.gateway(GATEWAY).orElseThrow().get("readingCount").asLong();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                concentrator.push(List.of(traffic.next(Instant.now())));
                return api.gateway(GATEWAY).orElseThrow().get("readingCount").asLong() > before + 2;
            });
            assertThat(gateway.log().split("Connected to ssl://localhost:" + tlsPort, -1).length - 1)
                    .as("connections: the first, and one with the renewed certificate").isGreaterThanOrEqualTo(2);
            assertThat(api.gatewayStatus(GATEWAY)).isEqualTo("ONLINE");
        }
    }
}
