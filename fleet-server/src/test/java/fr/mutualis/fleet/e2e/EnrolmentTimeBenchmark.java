package fr.mutualis.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import fr.mutualis.gateway.enrolment.EnrolmentClient;
import fr.mutualis.gateway.enrolment.EnrolmentInvitation;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * On-demand benchmark (not part of {@code mvn verify}: its name is not an integration-test name):
 * the time from "enrolment token created" to "first reading stored by the fleet" for a simulated
 * install, where the gateway enrols itself on first boot, next to a baseline measured in the same
 * run: the same gateway already enrolled (identity on disk), from process start to first reading.
 * The difference is what enrolment costs. Embedded broker in its mutual-TLS-only mode.
 *
 * <pre>
 * mvn -B install -DskipTests && mvn -B verify -pl fleet-server -Dit.test=EnrolmentTimeBenchmark \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip=true [-Dmutualis.bench.runs=5]
 * </pre>
 * Writes {@code target/benchmarks/enrolment-time.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnrolmentTimeBenchmark {

    private static final String COMMUNE = "35238";
    private static int tlsPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws Exception {
        TestFleet.withEmbeddedBroker(registry, "enrolment-bench");
        tlsPort = FreePorts.tcp();
        registry.add("mutualis.broker.embedded.tls-port", () -> tlsPort);
        registry.add("mutualis.broker.embedded.loopback-demo-gateways", () -> false);
        registry.add("mutualis.mqtt.accept-unenrolled-gateways", () -> false);
        registry.add("mutualis.pki.advertised-mqtt-url", () -> "ssl://localhost:" + tlsPort);
    }

    @Test
    void tokenToFirstReadingNextToAnAlreadyEnrolledGateway() throws Exception {
        int runs = Integer.getInteger("mutualis.bench.runs", 5);
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        api.send("POST", "/api/communes", "{\"code\":\"" + COMMUNE + "\",\"name\":\"Rennes\"}");
        Path work = Files.createTempDirectory("mutualis-enrolment-bench");
        List<Long> enrolling = new ArrayList<>();
        List<Long> enrolled = new ArrayList<>();
        List<Long> enrolledAt = new ArrayList<>();
        List<Long> connectedAt = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            // Alternate which kind goes first, so that neither always meets a warmer fleet.
            if (run % 2 == 0) {
                enrolling.add(firstBoot(api, work, "gw-bench-enrol-" + run, enrolledAt, connectedAt));
                enrolled.add(preEnrolled(api, work, "gw-bench-ready-" + run));
            } else {
                enrolled.add(preEnrolled(api, work, "gw-bench-ready-" + run));
                enrolling.add(firstBoot(api, work, "gw-bench-enrol-" + run, enrolledAt, connectedAt));
            }
        }
        String report = String.format(Locale.ROOT, """
                | runs: %d | median | min | max |
                |---|---|---|---|
                | token created -> first reading (gateway enrols on first boot) | %d ms | %d ms | %d ms |
                | baseline: already enrolled, process start -> first reading | %d ms | %d ms | %d ms |

                every run (ms), in order: enrolling %s; already enrolled %s
                enrolling runs, from the token's creation (gateway log times): enrolled at %s, MQTT connected at %s
                """, runs, median(enrolling), Collections.min(enrolling), Collections.max(enrolling),
                median(enrolled), Collections.min(enrolled), Collections.max(enrolled), enrolling, enrolled,
                enrolledAt, connectedAt);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "enrolment-time.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(enrolling).hasSize(runs);
    }

    /** Token created, gateway started with only the invitation: it enrols, connects, forwards. */
    private long firstBoot(FleetApi api, Path work, String gatewayId, List<Long> enrolledAt, List<Long> connectedAt)
            throws Exception {
        long started = System.nanoTime();
        Instant wallStart = Instant.now();
        String invitation = invitation(api, gatewayId);
        int udpPort = FreePorts.udp();
        try (GatewayProcess gateway = GatewayProcess.startEnrolling(work.resolve(gatewayId), invitation, gatewayId, udpPort)) {
            awaitFirstReading(api, gatewayId, udpPort);
            long total = (System.nanoTime() - started) / 1_000_000;
            enrolledAt.add(logged(gateway.log(), "Enrolled as gateway", wallStart));
            connectedAt.add(logged(gateway.log(), "Connected to ssl://", wallStart));
            return total;
        }
    }

    /** Milliseconds from {@code start} to the first log line containing {@code text} (the agent logs ISO-8601 UTC times). */
    private static long logged(String log, String text, Instant start) {
        return log.lines().filter(line -> line.contains(text)).findFirst()
                .map(line -> Duration.between(start, Instant.parse(line.substring(0, line.indexOf(' ')))).toMillis())
                .orElse(-1L);
    }

    /** Enrolled beforehand (not timed), then started: the same path without the enrolment. */
    private long preEnrolled(FleetApi api, Path work, String gatewayId) throws Exception {
        Path home = work.resolve(gatewayId);
        new EnrolmentClient(Duration.ofSeconds(20)).enrol(EnrolmentInvitation.parse(invitation(api, gatewayId)), gatewayId,
                IdentityFiles.under(home.resolve("data")));
        long started = System.nanoTime();
        int udpPort = FreePorts.udp();
        try (GatewayProcess gateway = GatewayProcess.startEnrolled(home, udpPort)) {
            awaitFirstReading(api, gatewayId, udpPort);
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    private static String invitation(FleetApi api, String gatewayId) throws Exception {
        var created = api.send("POST", "/api/enrolment-tokens",
                "{\"commune\":\"" + COMMUNE + "\",\"gatewayId\":\"" + gatewayId + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(created.body()).get("enrolmentUrl").asString();
    }

    private static void awaitFirstReading(FleetApi api, String gatewayId, int udpPort) throws Exception {
        try (ConcentratorSimulator concentrator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                gatewayId.hashCode(), Duration.ofMillis(500), 1)) {
            TrafficGenerator traffic = new TrafficGenerator(gatewayId.hashCode(), 1, 8);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                concentrator.push(List.of(traffic.next(Instant.now())));
                return api.gateway(gatewayId).map(view -> view.get("readingCount").asLong() > 0).orElse(false);
            });
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
