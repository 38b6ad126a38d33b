package fr.mutualis.provisioning.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mutualis demo}: the one-command run. Starts the fleet server (embedded broker and
 * PostgreSQL), three gateway agents as real processes, each fed by its own simulated
 * concentrator, and prints the fleet's view of them until Ctrl-C. The gateways are installed as
 * in the field: the demo creates each commune and an enrolment token, the agent enrols itself on
 * first boot (its key generated on the spot) and connects with mutual TLS; on later runs they
 * reuse their enrolment.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Lance une flotte de démonstration locale / runs a local demonstration fleet.")
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    MutualisCommand parent;

    @Option(names = "--repo", defaultValue = ".", description = "Racine du dépôt construit / built repository root.")
    Path repo;

    @Option(names = "--state-dir", defaultValue = "var/demo", description = "État de la démo (défaut ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port de l'API (défaut ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "Port MQTT (défaut ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--mqtt-tls-port", defaultValue = "8883",
            description = "Port MQTT TLS des passerelles (défaut ${DEFAULT-VALUE}).")
    int mqttTlsPort;

    @Option(names = "--https-port", defaultValue = "8443",
            description = "Port HTTPS d'enrôlement (défaut ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--gwmp-port", defaultValue = "1701", description = "Premier port UDP des concentrateurs (défaut ${DEFAULT-VALUE}).")
    int firstGwmpPort;

    @Option(names = "--console-port", defaultValue = "8091",
            description = "Premier port des consoles locales des passerelles (défaut ${DEFAULT-VALUE}).")
    int firstConsolePort;

    @Option(names = "--interval-ms", defaultValue = "2000", description = "Intervalle entre relevés par passerelle (défaut ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Option(names = "--duration", defaultValue = "0", description = "Arrêt après N secondes, 0 = jusqu'à Ctrl-C.")
    long durationSeconds;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final List<SimulatedConcentrator> concentrators = new ArrayList<>();
    private Messages messages;
    private String adminToken;

    @Override
    public Integer call() throws Exception {
        messages = parent.messages();
        Path fleetJar = findOne(repo.resolve("fleet-server/target"), "mutualis-fleet-server-*.jar");
        Path gatewayScript = repo.resolve("gateway-bundles/runtime/target/gateway-runtime-distribution/gateway-runtime/bin/mutualis-gateway");
        if (fleetJar == null || !Files.isExecutable(gatewayScript)) {
            System.err.println(messages.get("demo.building", fleetJar == null ? "fleet-server/target/*.jar" : gatewayScript));
            return 2;
        }
        List<DemoGateway> gateways = DemoGateway.defaults(firstGwmpPort, firstConsolePort);
        if (!portsFree(gateways)) {
            return 2;
        }
        Path logs = Files.createDirectories(stateDir.resolve("logs"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown();
            stopped.countDown();
        }, "demo-shutdown"));

        if (!ensureAdminToken(fleetJar, logs)) {
            return 1;
        }
        ManagedProcess fleet = startFleet(fleetJar, logs);
        if (!awaitFleet(fleet)) {
            System.err.println(messages.get("demo.fleet.failed", fleet.log()));
            return 1;
        }
        System.out.println(messages.get("demo.fleet.ready"));
        for (DemoGateway gateway : gateways) {
            startGateway(gateway, gatewayScript, logs);
        }
        System.out.println(messages.get("demo.running", logs.toAbsolutePath()));
        long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
        while (System.nanoTime() < deadline && fleet.isAlive()) {
            printStatus();
            if (stopped.await(5, TimeUnit.SECONDS)) {
                return 0;
            }
        }
        printStatus();
        if (!fleet.isAlive()) {
            System.err.println(messages.get("demo.fleet.failed", fleet.log()));
            return 1;
        }
        return 0;
    }

    private boolean portsFree(List<DemoGateway> gateways) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Map<Integer, String> tcpPorts = Map.of(httpPort, "--http-port", mqttPort, "--mqtt-port", mqttTlsPort,
                "--mqtt-tls-port", httpsPort, "--https-port");
        for (Map.Entry<Integer, String> tcp : tcpPorts.entrySet()) {
            try (ServerSocket socket = new ServerSocket(tcp.getKey(), 1, loopback)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                System.err.println(messages.get("demo.port.busy", tcp.getKey(), tcp.getValue()));
                return false;
            }
        }
        for (DemoGateway gateway : gateways) {
            try (DatagramSocket socket = new DatagramSocket(gateway.gwmpPort(), loopback)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                System.err.println(messages.get("demo.port.busy", gateway.gwmpPort(), "--gwmp-port"));
                return false;
            }
            try (ServerSocket socket = new ServerSocket(gateway.consolePort(), 1, loopback)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                System.err.println(messages.get("demo.port.busy", gateway.consolePort(), "--console-port"));
                return false;
            }
        }
        return true;
    }

    /**
     * The API needs a person: on a fresh demo state, the fleet's bootstrap command creates the first
     * administrator and prints its token once; the demo keeps it (owner-only file) to read the API.
     */
    private boolean ensureAdminToken(Path fleetJar, Path logs) throws IOException, InterruptedException {
        Path tokenFile = stateDir.resolve("admin-token");
        if (Files.exists(tokenFile)) {
            adminToken = Files.readString(tokenFile).trim();
            return true;
        }
        Path log = logs.resolve("bootstrap-admin.log");
        Process bootstrap = new ProcessBuilder(java(), "-jar", fleetJar.toString(), "bootstrap-admin", "--username=demo",
                "--mutualis.database.embedded.data-dir=" + stateDir.resolve("fleet").toAbsolutePath().resolve("postgres"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!bootstrap.waitFor(180, TimeUnit.SECONDS) || bootstrap.exitValue() != 0) {
            bootstrap.destroyForcibly();
            System.err.println(messages.get("demo.bootstrap.failed", log.toAbsolutePath()));
            return false;
        }
        Matcher token = Pattern.compile("API token: (\\S+)")
                .matcher(Files.readString(log));
        if (!token.find()) {
            System.err.println(messages.get("demo.bootstrap.failed", log.toAbsolutePath()));
            return false;
        }
        adminToken = token.group(1);
        Files.writeString(tokenFile, adminToken + "\n");
        try {
            Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the demo's state stays on the local disk either way
        }
        // The bootstrap log shows the password and token once: it is not kept.
        Files.delete(log);
        System.out.println(messages.get("demo.admin.token", tokenFile.toAbsolutePath()));
        return true;
    }

    private ManagedProcess startFleet(Path fleetJar, Path logs) throws IOException {
        System.out.println(messages.get("demo.starting.fleet", httpPort, mqttTlsPort, httpsPort));
        Path fleetState = stateDir.resolve("fleet").toAbsolutePath();
        ManagedProcess fleet = ManagedProcess.start("fleet-server", List.of(java(), "-jar", fleetJar.toString(),
                "--server.port=" + httpPort,
                "--mutualis.broker.embedded.port=" + mqttPort,
                "--mutualis.broker.embedded.data-dir=" + fleetState.resolve("broker"),
                "--mutualis.broker.embedded.tls-port=" + mqttTlsPort,
                "--mutualis.pki.dir=" + fleetState.resolve("pki"),
                "--mutualis.pki.https-port=" + httpsPort,
                "--mutualis.pki.advertised-mqtt-url=ssl://localhost:" + mqttTlsPort,
                "--mutualis.database.embedded.data-dir=" + fleetState.resolve("postgres")),
                logs.resolve("fleet-server.log"));
        processes.add(fleet);
        return fleet;
    }

    private boolean awaitFleet(ManagedProcess fleet) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && fleet.isAlive()) {
            try {
                JsonNode health = json.readTree(get("/actuator/health"));
                if ("UP".equals(health.path("status").asText())) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        return false;
    }

    private void startGateway(DemoGateway gateway, Path script, Path logs) throws IOException, InterruptedException {
        System.out.println(messages.get("demo.starting.gateway", gateway.gatewayId(), gateway.commune(),
                gateway.communeName(), gateway.gwmpPort()));
        Path home = Files.createDirectories(stateDir.resolve(gateway.gatewayId()).toAbsolutePath());
        Path configFile = home.resolve("gateway.properties");
        Files.writeString(configFile, gatewayConfiguration(gateway, home), StandardCharsets.UTF_8);
        processes.add(ManagedProcess.start(gateway.gatewayId(),
                List.of(script.toAbsolutePath().toString(), "--config", configFile.toString()),
                logs.resolve(gateway.gatewayId() + ".log")));
        // The console writes its password there at its first start (the label a technician would read).
        System.out.println(messages.get("demo.console", gateway.gatewayId(), gateway.consolePort(),
                home.resolve("data").resolve("console-credential.txt")));
        SimulatedConcentrator concentrator = new SimulatedConcentrator(gateway, intervalMillis);
        concentrators.add(concentrator);
        Thread thread = new Thread(concentrator, "concentrator-" + gateway.gatewayId());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * What a technician would put on the gateway's SD card: its data directory, its concentrator's
     * port and, until it is enrolled, the enrolment invitation of a fresh token for its commune.
     */
    private String gatewayConfiguration(DemoGateway gateway, Path home) throws IOException, InterruptedException {
        StringBuilder config = new StringBuilder()
                .append("data.dir=").append(home.resolve("data")).append('\n')
                .append("gwmp.bind=127.0.0.1\n")
                .append("gwmp.port=").append(gateway.gwmpPort()).append('\n')
                .append("health.interval.seconds=10\n")
                // Loopback only: the demo's consoles are for the person running it, not for the LAN.
                .append("console.bind=127.0.0.1\n")
                .append("console.port=").append(gateway.consolePort()).append('\n');
        if (Files.exists(home.resolve("data").resolve("identity").resolve("enrolment.json"))) {
            return config.toString();
        }
        send("POST", "/api/communes", Map.of("code", gateway.commune(), "name", gateway.communeName()));
        HttpResponse<String> token = send("POST", "/api/enrolment-tokens",
                Map.of("commune", gateway.commune(), "gatewayId", gateway.gatewayId()));
        if (token.statusCode() != 201) {
            throw new IOException("enrolment token for " + gateway.gatewayId() + ": " + token.statusCode() + " "
                    + token.body());
        }
        JsonNode created = json.readTree(token.body());
        System.out.println(messages.get("demo.enrolling", gateway.gatewayId(), created.path("code").asText()));
        return config.append("enrolment.url=").append(created.path("enrolmentUrl").asText()).append('\n')
                .append("enrolment.gateway.id=").append(gateway.gatewayId()).append('\n').toString();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void printStatus() {
        try {
            StringBuilder table = new StringBuilder("\n").append(messages.get("demo.table.header")).append('\n');
            for (JsonNode gateway : allGateways()) {
                table.append(String.format("%-27s %-8s %-9s %8d %s%n", gateway.path("id").asText(),
                        gateway.path("commune").asText(), gateway.path("status").asText(),
                        gateway.path("readingCount").asLong(), gateway.path("lastReadingAt").asText("-")));
            }
            System.out.print(table);
        } catch (IOException e) {
            System.err.println(messages.get("demo.api.unreachable", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fleet's gateway list, page after page (the API answers pages; see docs/api.md). */
    private List<JsonNode> allGateways() throws IOException, InterruptedException {
        List<JsonNode> gateways = new ArrayList<>();
        String path = "/api/gateways?limit=500";
        while (true) {
            JsonNode page = json.readTree(get(path));
            page.path("items").forEach(gateways::add);
            if (!page.path("next").isTextual()) {
                return gateways;
            }
            path = "/api/gateways?limit=500&after=" + URLEncoder.encode(page.path("next").asText(), StandardCharsets.UTF_8);
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + adminToken).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private synchronized void shutdown() {
        if (processes.isEmpty()) {
            return;
        }
        System.out.println(messages.get("demo.stopping"));
        concentrators.forEach(SimulatedConcentrator::stop);
        try {
            // Gateways first, so that they say goodbye to a fleet that is still listening.
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).stop(30);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processes.clear();
        System.out.println(messages.get("demo.stopped"));
    }

    private static Path findOne(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, glob)) {
            for (Path match : matches) {
                return match;
            }
        }
        return null;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
