package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.mqtt.BrokerTls;
import fr.mutualis.fleet.pki.MosquittoConfigCommand;
import fr.mutualis.fleet.pki.Pem;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.MessageCallback;
import fr.mutualis.gateway.enrolment.EnrolledIdentity;
import fr.mutualis.gateway.enrolment.EnrolmentClient;
import fr.mutualis.gateway.enrolment.EnrolmentException;
import fr.mutualis.gateway.enrolment.EnrolmentInvitation;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6, end to end with Eclipse Mosquitto (Debian's package) configured by the generated
 * production configuration: an enrolment code → a real gateway process that generates its key,
 * enrols over HTTPS with the pinned root, connects with mutual TLS → readings at the fleet. Then
 * the refusals: a used code, an expired code, a gateway reaching for another gateway's topics;
 * and revocation: the gateway is cut off, refused, and ignored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrolmentMosquittoIT {

    private static final String COMMUNE = "35238";
    private static final String GATEWAY = "gw-enrol-mosquitto";
    private static final String OTHER = "gw-enrol-other";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static MosquittoBroker mosquitto;
    private static Path work;
    private static Path brokerConfig;
    private static int mqttPort;
    private static int httpsPort;
    private static Path pki;
    private static GatewayProcess gateway;
    private static ConcentratorSimulator concentrator;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        Path executable = MosquittoBroker.requireExecutable();
        work = Files.createTempDirectory("mutualis-enrol-mosquitto");
        pki = work.resolve("pki");
        brokerConfig = work.resolve("mosquitto-config");
        mqttPort = FreePorts.tcp();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(output, true, StandardCharsets.UTF_8);
        int exit = MosquittoConfigCommand.run(printed, printed, "--out=" + brokerConfig, "--name=localhost",
                "--name=127.0.0.1", "--listen=127.0.0.1", "--port=" + mqttPort, "--pki-dir=" + pki);
        assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
        // Mosquitto drops root privileges before it reads its key: a test key may be readable by all.
        brokerConfig.resolve("broker.key").toFile().setReadable(true, false);
        for (Path dir = brokerConfig; dir != null && !dir.equals(Path.of("/tmp")); dir = dir.getParent()) {
            dir.toFile().setExecutable(true, false);
        }
        mosquitto = MosquittoBroker.startWithConfiguration(executable, work.resolve("mosquitto-run"),
                brokerConfig.resolve("mosquitto.conf"), mqttPort);

        httpsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.enabled", () -> false);
        registry.add("mutualis.broker.url", () -> "ssl://localhost:" + mqttPort);
        registry.add("mutualis.broker.client-id", () -> "fleet.mutualis");
        registry.add("mutualis.broker.ca-file", () -> brokerConfig.resolve("ca.pem").toString());
        registry.add("mutualis.broker.client-certificate-file", () -> brokerConfig.resolve("fleet-client.crt").toString());
        registry.add("mutualis.broker.client-key-file", () -> brokerConfig.resolve("fleet-client.key").toString());
        registry.add("mutualis.pki.dir", pki::toString);
        registry.add("mutualis.pki.https-port", () -> httpsPort);
        registry.add("mutualis.pki.advertised-mqtt-url", () -> "ssl://localhost:" + mqttPort);
        registry.add("mutualis.pki.crl-file", () -> brokerConfig.resolve("crl.pem").toString());
        registry.add("mutualis.pki.broker-reload-command", () -> "kill,-HUP," + mosquitto.pid());
        registry.add("mutualis.database.embedded.data-dir", () -> work.resolve("postgres").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (concentrator != null) {
            concentrator.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    @Order(1)
    void aGatewayEnrolsWithItsCodeAndItsReadingsFlowOverMutualTls() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        api.send("POST", "/api/communes", "{\"code\":\"" + COMMUNE + "\",\"name\":\"Rennes\"}");

        long tokenCreated = System.nanoTime();
        JsonNode token = createToken(api, "{\"commune\":\"" + COMMUNE + "\"}");
        int udpPort = FreePorts.udp();
        gateway = GatewayProcess.startEnrolling(work.resolve(GATEWAY), token.get("enrolmentUrl").asString(), GATEWAY,
                udpPort);
        concentrator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort), 21L, Duration.ofSeconds(2), 3);
        TrafficGenerator traffic = new TrafficGenerator(22, 2, 8);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            concentrator.push(List.of(traffic.next(Instant.now())));
            return api.gateway(GATEWAY).map(view -> view.get("readingCount").asLong() > 0).orElse(false);
        });
        long firstReading = System.nanoTime();
        System.out.printf("[benchmark] enrolment token created -> first reading at the fleet: %d ms%n",
                (firstReading - tokenCreated) / 1_000_000);

        JsonNode view = api.gateway(GATEWAY).orElseThrow();
        assertThat(view.get("commune").asString()).isEqualTo(COMMUNE);
        assertThat(view.get("status").asString()).isEqualTo("ONLINE");
        assertThat(gateway.log()).contains("Enrolled as gateway " + GATEWAY, "Connected to ssl://localhost:" + mqttPort);

        // The key was made on the gateway and stays private to it; the certificate names it.
        IdentityFiles files = IdentityFiles.under(work.resolve(GATEWAY).resolve("data"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.keyFile()))).isEqualTo("rw-------");
        X509Certificate certificate = Pem.certificates(Files.readString(files.certificateChainFile())).get(0);
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=" + GATEWAY);
        JsonNode certificates = api.get("/api/gateways/" + GATEWAY + "/certificates");
        assertThat(certificates).hasSize(1);
        assertThat(certificates.get(0).get("status").asString()).isEqualTo("VALID");
        assertThat(certificates.get(0).get("serial").asString()).isEqualTo(certificate.getSerialNumber().toString(16));

        JsonNode listed = api.get("/api/enrolment-tokens?commune=" + COMMUNE).get("items").get(0);
        assertThat(listed.get("status").asString()).isEqualTo("USED");
        assertThat(listed.get("usedByGateway").asString()).isEqualTo(GATEWAY);
        assertThat(listed.has("code")).as("a code is shown once, at creation").isFalse();

        // The same code again: refused, and nothing is issued.
        EnrolmentInvitation reused = EnrolmentInvitation.parse(token.get("enrolmentUrl").asString());
        assertThatThrownBy(() -> new EnrolmentClient(Duration.ofSeconds(20))
                .enrol(reused, OTHER, IdentityFiles.under(work.resolve("reuse"))))
                .isInstanceOfSatisfying(EnrolmentException.class, e -> {
                    assertThat(e.reason()).isEqualTo("TOKEN_USED");
                    assertThat(e.permanent()).isTrue();
                });
        assertThat(IdentityFiles.under(work.resolve("reuse")).load()).isEmpty();

        // An expired code: refused.
        JsonNode shortLived = createToken(api, "{\"commune\":\"" + COMMUNE + "\",\"validFor\":\"PT1S\"}");
        Instant expiry = Instant.parse(shortLived.get("expiresAt").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusMillis(200)));
        assertThatThrownBy(() -> new EnrolmentClient(Duration.ofSeconds(20)).enrol(
                EnrolmentInvitation.parse(shortLived.get("enrolmentUrl").asString()), OTHER,
                IdentityFiles.under(work.resolve("expired"))))
                .isInstanceOfSatisfying(EnrolmentException.class, e -> assertThat(e.reason()).isEqualTo("TOKEN_EXPIRED"));
        assertThat(api.gateway(OTHER)).isEmpty();
    }

    @Test
    @Order(4)
    void theGatewayPortServesGatewaysOnly() throws Exception {
        java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(BrokerTls.context(null, null,
                Pem.certificates(Files.readString(pki.resolve("root-ca.crt"))))).build();
        String base = "https://localhost:" + httpsPort;
        assertThat(status(https, "GET", base + "/api/pki/ca.pem")).isEqualTo(200);
        assertThat(status(https, "GET", base + "/enrol?code=K7QM-2XWD-9H11")).isEqualTo(200);
        // The staff API, the OpenAPI document and Actuator are not on the port that faces the field.
        assertThat(status(https, "GET", base + "/api/gateways")).isEqualTo(404);
        assertThat(status(https, "GET", base + "/actuator/health")).isEqualTo(404);
        assertThat(status(https, "GET", base + "/v3/api-docs")).isEqualTo(404);
        // Renewal without a client certificate: refused.
        assertThat(status(https, "POST", base + "/api/enrolment/renewal")).isEqualTo(403);

        // The certificates nothing renews by itself are watched in the (plain port's) health.
        JsonNode expiry = new FleetApi(httpPort, null).get("/actuator/health").at("/components/certificateExpiry");
        assertThat(expiry.get("status").asString()).isEqualTo("UP");
        assertThat(expiry.at("/details/certificates/brokerClient[0]/daysLeft").asLong()).isBetween(390L, 397L);
        assertThat(expiry.at("/details/certificates/issuingCa/daysLeft").asLong()).isGreaterThan(1000L);
    }

    private static int status(java.net.http.HttpClient client, String method, String url) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .header("Content-Type", "application/json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(method.equals("POST") ? "{\"csr\":\"x\"}" : ""))
                        .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(2)
    void mosquittoConfinesAGatewayToItsOwnTopics() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        JsonNode token = createToken(api, "{\"commune\":\"" + COMMUNE + "\",\"gatewayId\":\"" + OTHER + "\"}");
        IdentityFiles otherFiles = IdentityFiles.under(work.resolve(OTHER));
        EnrolledIdentity other = new EnrolmentClient(Duration.ofSeconds(20))
                .enrol(EnrolmentInvitation.parse(token.get("enrolmentUrl").asString()), OTHER, otherFiles);
        assertThat(other.gatewayId()).isEqualTo(OTHER);
        long readingsBefore = api.gateway(GATEWAY).orElseThrow().get("readingCount").asLong();

        List<String> received = new CopyOnWriteArrayList<>();
        MqttAsyncClient client = EnrolledClient.connect("ssl://localhost:" + mqttPort, otherFiles, OTHER);
        client.setCallback((MessageCallback) (topic, payload) -> received.add(topic));
        try {
            // Its own channel: allowed (so the refusals below are the ACL's, not a broken connection).
            assertThat(EnrolledClient.publishReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + OTHER + "/health")).isZero();
            // Publishing on another gateway's channel, or on its own fleet-to-gateway channel: refused.
            assertThat(EnrolledClient.publishReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + GATEWAY + "/up")).isEqualTo(0x87);
            assertThat(EnrolledClient.publishReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + OTHER + "/down")).isEqualTo(0x87);
            // Mosquitto's ACL file grants subscriptions and checks read access on each message: the
            // proof is that nothing of another gateway's ever arrives, while its own downlink does.
            EnrolledClient.subscribeReasonCode(client, "mutualis/v1/#");
            EnrolledClient.subscribeReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + GATEWAY + "/#");
            var queued = api.send("POST", "/api/gateways/" + OTHER + "/downlinks",
                    "{\"imme\":true,\"freq\":869.525,\"rfch\":0,\"powe\":14,\"modu\":\"LORA\",\"datr\":\"SF9BW125\","
                            + "\"codr\":\"4/5\",\"ipol\":true,\"size\":4,\"data\":\"YAECAw==\"}");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("mutualis/v1/" + COMMUNE + "/" + OTHER + "/down"));
            // The real gateway reports health every 2 s and its readings keep flowing meanwhile.
            String healthBefore = api.gateway(GATEWAY).orElseThrow().get("lastHealthAt").asString();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !api.gateway(GATEWAY).orElseThrow().get("lastHealthAt").asString().equals(healthBefore));
            assertThat(received).as("messages of other gateways seen by " + OTHER)
                    .allMatch(topic -> topic.startsWith("mutualis/v1/" + COMMUNE + "/" + OTHER + "/"));
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close(true);
        }
        assertThat(api.gateway(GATEWAY).orElseThrow().get("readingCount").asLong()).isEqualTo(readingsBefore);
    }

    @Test
    @Order(3)
    void aRevokedGatewayIsCutOffRefusedAndIgnored() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        String logBefore = gateway.log();
        var response = api.send("POST", "/api/gateways/" + GATEWAY + "/revocation", "{\"reason\":\"stolen from the cabinet\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("revokedCertificates")).hasSize(1);

        // Cut off: Mosquitto closes its connection, and its reconnections fail the TLS handshake.
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.log().substring(logBefore.length())
                .contains("Connection to ssl://localhost:" + mqttPort + " lost"));
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.log().substring(logBefore.length())
                .contains("Cannot connect to ssl://localhost:" + mqttPort));
        assertThat(api.gatewayStatus(GATEWAY)).isEqualTo("OFFLINE");
        assertThat(api.gateway(GATEWAY).orElseThrow().get("statusReason").asString()).isEqualTo("revoked");
        JsonNode certificates = api.get("/api/gateways/" + GATEWAY + "/certificates");
        assertThat(certificates.get(0).get("status").asString()).isEqualTo("REVOKED");
        assertThat(certificates.get(0).get("revocationReason").asString()).isEqualTo("stolen from the cabinet");

        // Refused: a new connection with its certificate does not get through.
        IdentityFiles files = IdentityFiles.under(work.resolve(GATEWAY).resolve("data"));
        assertThatThrownBy(() -> EnrolledClient.connect("ssl://localhost:" + mqttPort, files, GATEWAY)).isInstanceOf(MqttException.class);
        assertThat(gateway.log().substring(logBefore.length())).doesNotContain("Connected to ssl://");
        String afterRevocation = mosquitto.log();
        assertThat(afterRevocation.substring(afterRevocation.lastIndexOf("Reloading config.")))
                .contains("already connected, closing old connection", "certificate verify failed");
    }

    private static JsonNode createToken(FleetApi api, String body) throws Exception {
        var response = api.send("POST", "/api/enrolment-tokens", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }



}
