package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.MessageCallback;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import fr.mutualis.provisioning.MutualisCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
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
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * A technician's install, with the tools they use and the one-command fleet's own broker, in its
 * secure mode (mutual TLS only, no loopback demo mode): {@code mutualis token create} (QR PNG),
 * {@code mutualis enrol} on a gateway without console, the agent started with that identity,
 * {@code mutualis checklist} until all five checks pass, then the embedded broker's confinement,
 * and {@code mutualis revoke}: the gateway is disconnected at once and refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TechnicianFlowIT {

    private static final String COMMUNE = "29019";
    private static final String GATEWAY = "gw-brest-port";
    private static final String NEIGHBOUR = "gw-brest-phare";
    private static final String CONSOLE_GATEWAY = "gw-brest-criee";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path work;
    private static String plainBrokerUrl;
    private static int tlsPort;
    private static GatewayProcess gateway;
    private static ConcentratorSimulator concentrator;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        work = Files.createTempDirectory("mutualis-technician");
        plainBrokerUrl = TestFleet.withEmbeddedBroker(registry, "technician");
        tlsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.tls-port", () -> tlsPort);
        registry.add("mutualis.broker.embedded.loopback-demo-gateways", () -> false);
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> false);
        registry.add("mutualis.pki.advertised-mqtt-url", () -> "ssl://localhost:" + tlsPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (concentrator != null) {
            concentrator.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void aTechnicianEnrolsAGatewayWithTheToolsAndTheChecklistPasses() throws Exception {
        FleetApi admin = FleetApi.asAdmin(fleetContext, httpPort);
        admin.send("POST", "/api/communes", "{\"code\":\"" + COMMUNE + "\",\"name\":\"Brest\"}");
        admin.send("POST", "/api/communes/" + COMMUNE + "/sites", "{\"name\":\"Port\"}");
        String technician = FleetApi.token(fleetContext, fr.mutualis.fleet.account.Role.FIELD_TECHNICIAN,
                java.util.Set.of(COMMUNE));

        long started = System.nanoTime();
        Path png = work.resolve("qr.png");
        Run created = mutualis("token", "create", "--fleet=http://127.0.0.1:" + httpPort, "--api-token=" + technician,
                "--commune=" + COMMUNE, "--site=Port", "--gateway-id=" + GATEWAY, "--qr-png=" + png);
        assertThat(created.exit()).as(created.all()).isZero();
        assertThat(created.out()).contains("Jeton d'enrôlement créé", COMMUNE, "Port");
        assertThat(Files.size(png)).isPositive();
        String invitation = created.out().lines().filter(line -> line.contains("/enrol?code="))
                .map(line -> line.substring(line.indexOf("https://")).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no enrolment URL in\n" + created.out()));

        Path home = work.resolve(GATEWAY);
        Run enrolled = mutualis("enrol", "--invitation=" + invitation, "--data-dir=" + home.resolve("data"));
        assertThat(enrolled.exit()).as(enrolled.all()).isZero();
        assertThat(enrolled.out()).contains("Passerelle enrôlée : " + GATEWAY + ", commune " + COMMUNE);

        int udpPort = FreePorts.udp();
        gateway = GatewayProcess.startEnrolled(home, udpPort);
        concentrator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort), 31L, Duration.ofSeconds(2), 3);
        TrafficGenerator traffic = new TrafficGenerator(32, 2, 8);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            concentrator.push(List.of(traffic.next(Instant.now())));
            return admin.gateway(GATEWAY).map(view -> view.get("readingCount").asLong() > 0).orElse(false);
        });
        System.out.printf("[benchmark] technician flow: token create -> enrol (CLI) -> agent start -> first reading: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        sendStat(concentrator);

        Run checklist = mutualis("checklist", GATEWAY, "--fleet=http://127.0.0.1:" + httpPort,
                "--api-token=" + technician, "--wait=PT60S");
        assertThat(checklist.exit()).as(checklist.all()).isZero();
        assertThat(checklist.out()).contains("Certificat valide", "Liaison au serveur", "Concentrateur entendu",
                "Horloge", "Premier relevé reçu", "(5/5)");
        assertThat(admin.gateway(GATEWAY).orElseThrow().get("siteId").isNull()).as("registered at the token's site").isFalse();
    }

    @Test
    @Order(2)
    void theEmbeddedBrokerConfinesAGatewayAndRefusesPlainConnections() throws Exception {
        String invitation = invitationByCli();
        Path neighbourData = work.resolve(NEIGHBOUR).resolve("data");
        assertThat(mutualis("enrol", "--invitation=" + invitation, "--data-dir=" + neighbourData,
                "--gateway-id=" + NEIGHBOUR).exit()).isZero();
        IdentityFiles neighbour = IdentityFiles.under(neighbourData);

        // A gateway id without its certificate: refused (no loopback demo mode here).
        MqttAsyncClient plain = new MqttAsyncClient(plainBrokerUrl, NEIGHBOUR, new MemoryPersistence());
        assertThatThrownBy(() -> plain.connect().waitForCompletion(10_000)).isInstanceOf(MqttException.class);
        plain.close(true);
        // Its certificate with another gateway's client id: refused.
        assertThatThrownBy(() -> EnrolledClient.connect("ssl://localhost:" + tlsPort, neighbour, GATEWAY)).isInstanceOf(MqttException.class);

        List<String> received = new CopyOnWriteArrayList<>();
        MqttAsyncClient client = EnrolledClient.connect("ssl://localhost:" + tlsPort, neighbour, NEIGHBOUR);
        client.setCallback((MessageCallback) (topic, payload) -> received.add(topic));
        try {
            assertThat(EnrolledClient.subscribeReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + NEIGHBOUR + "/down")).isEqualTo(1);
            assertThat(EnrolledClient.subscribeReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + GATEWAY + "/down")).isEqualTo(0x87);
            assertThat(EnrolledClient.subscribeReasonCode(client, "mutualis/v1/#")).isEqualTo(0x87);
            // Its own commune and id but another commune's prefix: refused, the commune is the enrolment's.
            assertThat(EnrolledClient.subscribeReasonCode(client, "mutualis/v1/35238/" + NEIGHBOUR + "/down")).isEqualTo(0x87);
            assertThat(EnrolledClient.publishReasonCode(client, "mutualis/v1/" + COMMUNE + "/" + NEIGHBOUR + "/health")).isZero();
        } finally {
            EnrolledClient.closeQuietly(client);
        }
        // Publishing on another gateway's topic: HiveMQ refuses it (and closes the connection).
        MqttAsyncClient intruder = EnrolledClient.connect("ssl://localhost:" + tlsPort, neighbour, NEIGHBOUR);
        try {
            assertThat(EnrolledClient.publishReasonCode(intruder, "mutualis/v1/" + COMMUNE + "/" + GATEWAY + "/up")).isEqualTo(0x87);
        } finally {
            EnrolledClient.closeQuietly(intruder);
        }
        assertThat(received).allMatch(topic -> topic.contains("/" + NEIGHBOUR + "/"));
    }

    @Test
    @Order(3)
    void aRevokedGatewayIsDisconnectedAtOnceAndRefused() throws Exception {
        FleetApi admin = FleetApi.asAdmin(fleetContext, httpPort);
        String technician = FleetApi.token(fleetContext, fr.mutualis.fleet.account.Role.FIELD_TECHNICIAN,
                java.util.Set.of(COMMUNE));
        String before = gateway.log();
        Run revoked = mutualis("revoke", GATEWAY, "--fleet=http://127.0.0.1:" + httpPort, "--api-token=" + technician,
                "--reason=replaced after a storm", "--yes");
        assertThat(revoked.exit()).as(revoked.all()).isZero();
        assertThat(revoked.out()).contains("révoquée");

        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.log().substring(before.length()).contains("lost"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                gateway.log().substring(before.length()).contains("Cannot connect to ssl://localhost:" + tlsPort));
        assertThat(gateway.log().substring(before.length())).doesNotContain("Connected to ssl://");
        assertThat(admin.gateway(GATEWAY).orElseThrow().get("status").asString()).isEqualTo("OFFLINE");
        IdentityFiles files = IdentityFiles.under(work.resolve(GATEWAY).resolve("data"));
        assertThatThrownBy(() -> EnrolledClient.connect("ssl://localhost:" + tlsPort, files, GATEWAY)).isInstanceOf(MqttException.class);

        var downlink = admin.send("POST", "/api/gateways/" + GATEWAY + "/downlinks",
                "{\"imme\":true,\"freq\":869.525,\"rfch\":0,\"powe\":14,\"modu\":\"LORA\",\"datr\":\"SF9BW125\","
                        + "\"codr\":\"4/5\",\"ipol\":true,\"size\":4,\"data\":\"YAECAw==\"}");
        assertThat(downlink.statusCode()).as(downlink.body()).isEqualTo(409);

        Run checklist = mutualis("checklist", GATEWAY, "--fleet=http://127.0.0.1:" + httpPort, "--api-token=" + technician);
        assertThat(checklist.exit()).isEqualTo(1);
        assertThat(checklist.out()).contains("✘");
    }

    @Test
    @Order(4)
    void aTechnicianEnrolsAGatewayFromItsLocalConsole() throws Exception {
        FleetApi admin = FleetApi.asAdmin(fleetContext, httpPort);
        String invitation = invitationByCli("--site=Port");

        // Out of the box: no identity, nothing in the file about the fleet; the console is its only way in.
        Path home = work.resolve(CONSOLE_GATEWAY);
        int udpPort = FreePorts.udp();
        int consolePort = FreePorts.tcp();
        try (GatewayProcess fresh = GatewayProcess.startWithoutIdentity(home, udpPort, consolePort);
             ConcentratorSimulator radio = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort), 33L,
                     Duration.ofSeconds(2), 3)) {
            Path label = home.resolve("data").resolve("console-credential.txt");
            HttpClient http = HttpClient.newHttpClient();
            String console = "http://127.0.0.1:" + consolePort;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(java.net.ConnectException.class)
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(console + "/login")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(console + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("password=" + Files.readString(label).trim())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String page = consolePage(http, console, cookie);
            assertThat(page).contains("id=\"enrolment\"");

            HttpResponse<String> enrol = postForm(http, console + "/enrolment", cookie, "csrf=" + csrf(page)
                    + "&invitation=" + URLEncoder.encode(invitation, StandardCharsets.UTF_8)
                    + "&gatewayId=" + CONSOLE_GATEWAY);
            assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(303);

            // The agent verifies the fleet against the invitation's pinned root, enrols, connects with
            // its certificate, and readings flow; the console then has nothing more to enrol.
            TrafficGenerator traffic = new TrafficGenerator(34, 2, 8);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                radio.push(List.of(traffic.next(Instant.now())));
                return admin.gateway(CONSOLE_GATEWAY).map(view -> view.get("readingCount").asLong() > 0).orElse(false);
            });
            assertThat(admin.gateway(CONSOLE_GATEWAY).orElseThrow().get("commune").asString()).isEqualTo(COMMUNE);
            String enrolled = consolePage(http, console, cookie);
            assertThat(enrolled).doesNotContain("id=\"enrolment\"").contains(CONSOLE_GATEWAY);
            HttpResponse<String> again = postForm(http, console + "/enrolment", cookie, "csrf=" + csrf(enrolled)
                    + "&invitation=" + URLEncoder.encode(invitation, StandardCharsets.UTF_8));
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("déjà une identité");
        }
    }

    /** A technician's enrolment token for the commune, made with the CLI; returns its enrolment address. */
    private String invitationByCli(String... options) {
        String technician = FleetApi.token(fleetContext, fr.mutualis.fleet.account.Role.FIELD_TECHNICIAN,
                java.util.Set.of(COMMUNE));
        List<String> arguments = new java.util.ArrayList<>(List.of("token", "create", "--fleet=http://127.0.0.1:"
                + httpPort, "--api-token=" + technician, "--commune=" + COMMUNE, "--json"));
        arguments.addAll(List.of(options));
        Run created = mutualis(arguments.toArray(String[]::new));
        assertThat(created.exit()).as(created.all()).isZero();
        return JSON.readTree(created.out()).get("enrolmentUrl").asString();
    }

    private static String consolePage(HttpClient http, String console, String cookie) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console + "/")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private static HttpResponse<String> postForm(HttpClient http, String url, String cookie, String form)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    /** A forwarder's periodic statistics, as the packet forwarder sends them, so the concentrator check can pass. */
    private static void sendStat(ConcentratorSimulator concentrator) throws Exception {
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC).format(Instant.now());
        byte[] json = ("{\"stat\":{\"time\":\"" + time + "\",\"rxnb\":12,\"rxok\":11,\"rxfw\":11,\"ackr\":100.0,"
                + "\"dwnb\":0,\"txnb\":0}}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer datagram = ByteBuffer.allocate(12 + json.length);
        datagram.put((byte) 2).putShort((short) 0x5A5A).put((byte) 0).putLong(concentrator.gatewayEui()).put(json);
        concentrator.sendRaw(datagram.array());
    }

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run mutualis(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new MutualisCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }




}
