package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's uplink over TLS to Mosquitto, trusting the syndicate's CA from a PEM file; and a
 * gateway that does not trust that CA is refused, not silently let through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TlsUplinkIT {

    private static MosquittoBroker mosquitto;
    private static Path pki;
    private static int tlsPort;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        Path executable = MosquittoBroker.requireExecutable();
        Path work = Files.createTempDirectory("mutualis-tls");
        pki = Files.createDirectories(work.resolve("pki"));
        createPki(pki);
        tlsPort = FreePorts.tcp();
        mosquitto = MosquittoBroker.start(executable, work.resolve("mosquitto"),
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + pki.resolve("ca.pem"),
                "certfile " + pki.resolve("broker.pem"),
                "keyfile " + pki.resolve("broker.key"));
        // The fleet uses the plain loopback listener; the gateways use TLS.
        TestFleet.withExternalBroker(registry, "tls", mosquitto::url);
    }

    /** A CA and a broker certificate for localhost, made with openssl. */
    private static void createPki(Path dir) throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test syndicate CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", "broker.key", "-out", "broker.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(dir, "openssl", "x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "broker.pem");
        // Mosquitto drops root privileges: let it read its key (a test PKI, thrown away after the run).
        for (String file : List.of("ca.pem", "broker.pem", "broker.key")) {
            dir.resolve(file).toFile().setReadable(true, false);
        }
        dir.toFile().setExecutable(true, false);
        dir.getParent().toFile().setExecutable(true, false);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl failed: " + String.join(" ", command) + "; see " + dir.resolve("openssl.log"));
        }
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @TempDir
    Path work;

    @Test
    void readingsTravelOverTlsWhenTheGatewayTrustsTheSyndicateCa() throws Exception {
        String gatewayId = "gw-tls-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        // Each PUSH_DATA is sent once, with a long wait for its PUSH_ACK: a resend after a late one
        // would be stored as a sixth reading.
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238",
                "ssl://localhost:" + tlsPort, udpPort, 10, "broker.ca.file=" + pki.resolve("ca.pem"));
             ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                     11L, Duration.ofSeconds(10), 1)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "ONLINE".equals(api.gatewayStatus(gatewayId)));
            api.awaitIngestListening(gatewayId);
            TrafficGenerator traffic = new TrafficGenerator(12, 2, 8);
            for (int i = 0; i < 5; i++) {
                assertThat(simulator.push(List.of(traffic.next(Instant.now()))).acknowledged()).isTrue();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> api.gateway(gatewayId).orElseThrow()
                    .get("readingCount").asLong() == 5);
        }
    }

    @Test
    void aGatewayThatDoesNotTrustTheBrokersCaIsNeverConnected() throws Exception {
        String gatewayId = "gw-untrusting-" + ProcessHandle.current().pid();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238",
                "ssl://localhost:" + tlsPort, FreePorts.udp(), 10)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.log().contains("Cannot connect to ssl://"));
            assertThat(FleetApi.asAdmin(fleetContext, httpPort).gateway(gatewayId)).as("never reached the fleet").isEmpty();
            assertThat(gateway.log()).doesNotContain("Connected to ssl://");
        }
    }
}
