package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.MessageCallback;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On-demand benchmark (not part of {@code mvn verify}): how fast the gateway agent forwards its
 * first reading after its process starts, and how much memory it holds under steady traffic,
 * each next to a baseline measured in the same run on the same machine.
 *
 * <pre>
 * mvn -B install -DskipTests && mvn -B verify -pl fleet-server -Dit.test=GatewayFootprintBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dmutualis.bench.runs=5] [-Dmutualis.bench.compare=DIR]
 * </pre>
 * {@code mutualis.bench.compare} names another unpacked {@code gateway-runtime} directory (say,
 * the previous commit's): its start times are measured in the same runs, alternating with ours.
 * Not part of {@code mvn verify}: its name is not an integration-test name, so it runs only when named.
 *
 * Needs Mosquitto (Debian package) as the broker. Writes {@code target/benchmarks/gateway-footprint.md}.
 */
class GatewayFootprintBenchmark {

    private static final Path RUNTIME = Path.of(System.getProperty("mutualis.runtime.dir", "target/it/gateway-runtime"));
    private static final String COMPARED = System.getProperty("mutualis.bench.compare", "");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void startToFirstForwardedReadingAndResidentMemory() throws Exception {
        int runs = Integer.getInteger("mutualis.bench.runs", 5);
        Path work = Files.createTempDirectory("mutualis-bench");
        MosquittoBroker mosquitto = MosquittoBroker.start(MosquittoBroker.requireExecutable(), work.resolve("mosquitto"));
        String broker = mosquitto.url();
        StringBuilder report = new StringBuilder();
        try (Observer observer = new Observer(broker)) {
            List<Long> jvmFloor = new ArrayList<>();
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            List<Long> comparedCold = new ArrayList<>();
            List<Long> comparedWarm = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                jvmFloor.add(timeToExit(List.of(script(RUNTIME), "--help")));
                Path home = work.resolve("gw-" + run);
                cold.add(timeToFirstReading(RUNTIME, home, "gw-bench-" + run, broker, observer));
                warm.add(timeToFirstReading(RUNTIME, home, "gw-bench-" + run, broker, observer));
                if (!COMPARED.isEmpty()) {
                    Path comparedHome = work.resolve("compared-" + run);
                    comparedCold.add(timeToFirstReading(Path.of(COMPARED), comparedHome, "gw-cmp-" + run, broker, observer));
                    comparedWarm.add(timeToFirstReading(Path.of(COMPARED), comparedHome, "gw-cmp-" + run, broker, observer));
                }
            }
            Memory gateway = steadyStateMemory(work.resolve("gw-0"), "gw-bench-0", broker, observer, RUNTIME.resolve("bundles"));
            Path emptyBundles = Files.createDirectories(work.resolve("no-bundles"));
            Memory bareFelix = steadyStateMemory(work.resolve("bare"), "gw-bare", broker, observer, emptyBundles);

            report.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                    .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                    .append(", ").append(runs).append(" runs, launcher flags of bin/mutualis-gateway (-Xmx64m, SerialGC)\n\n")
                    .append("| measure | median | min | max |\n|---|---|---|---|\n")
                    .append(row("baseline: JVM start to exit (`mutualis-gateway --help`)", jvmFloor))
                    .append(row("start to first forwarded reading, first boot (empty data dir)", cold))
                    .append(row("start to first forwarded reading, restart (persisted cache and config)", warm));
            if (!COMPARED.isEmpty()) {
                report.append(row("compared runtime `" + COMPARED + "`: first boot", comparedCold))
                        .append(row("compared runtime `" + COMPARED + "`: restart", comparedWarm));
            }
            report                    .append("\n| process | RSS after 20 s at 50 readings/s | peak RSS (VmHWM) | heap used (health report) |\n|---|---|---|---|\n")
                    .append(String.format(Locale.ROOT, "| gateway agent, full bundle set | %.1f MB | %.1f MB | %s |%n",
                            gateway.rssMb(), gateway.peakMb(), gateway.heapMb()))
                    .append(String.format(Locale.ROOT, "| baseline: bare Felix framework, no bundles, same flags | %.1f MB | %.1f MB | - |%n",
                            bareFelix.rssMb(), bareFelix.peakMb()));
        } finally {
            mosquitto.close();
        }
        Path out = Path.of("target/benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("gateway-footprint.md"), report.toString(), StandardCharsets.UTF_8);
        System.out.println("\n" + report);
    }

    private static String row(String label, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %d ms | %d ms | %d ms |%n", label, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private long timeToFirstReading(Path runtime, Path home, String gatewayId, String broker, Observer observer)
            throws Exception {
        int udpPort = FreePorts.udp();
        Path config = writeConfig(home, gatewayId, broker, udpPort);
        observer.reset(gatewayId);
        long started = System.nanoTime();
        Process gateway = start(List.of(script(runtime), "--config", config.toString()), home.resolve("gateway.log"));
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                1L, Duration.ofMillis(20), 1)) {
            TrafficGenerator traffic = new TrafficGenerator(1, 1, 12);
            while (observer.firstReadingNanos() == 0) {
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("no reading forwarded within 60 s; see " + home);
                }
                simulator.push(List.of(traffic.next(Instant.now())));
            }
            return TimeUnit.NANOSECONDS.toMillis(observer.firstReadingNanos() - started);
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private record Memory(double rssMb, double peakMb, String heapMb) {
    }

    private Memory steadyStateMemory(Path home, String gatewayId, String broker, Observer observer, Path bundles)
            throws Exception {
        int udpPort = FreePorts.udp();
        Path config = writeConfig(home, gatewayId, broker, udpPort);
        observer.reset(gatewayId);
        List<String> command = new ArrayList<>(List.of(script(RUNTIME), "--config", config.toString(), "--bundles", bundles.toString()));
        Process gateway = start(command, home.resolve("steady.log"));
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                1L, Duration.ofMillis(5), 1)) {
            Thread.sleep(3_000); // let it start; the bare framework has nothing to wait for
            TrafficGenerator traffic = new TrafficGenerator(5, 50, 20);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) {
                simulator.push(List.of(traffic.next(Instant.now())));
                Thread.sleep(20);
            }
            long pid = gateway.pid(); // the script execs java: its pid is the JVM's
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            String heap = observer.lastHeapBytes() > 0
                    ? String.format(Locale.ROOT, "%.1f MB", observer.lastHeapBytes() / 1e6) : "-";
            return new Memory(kb(status, "VmRSS") / 1024.0, kb(status, "VmHWM") / 1024.0, heap);
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }


    private static long kb(String procStatus, String field) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc status");
    }

    private static long timeToExit(List<String> command) throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor(60, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return builder.start();
    }

    private static Path writeConfig(Path home, String gatewayId, String broker, int udpPort) throws IOException {
        Files.createDirectories(home);
        Path config = home.resolve("gateway.properties");
        Files.writeString(config, "gateway.id=" + gatewayId + "\ngateway.commune=35238\nbroker.url=" + broker
                + "\ndata.dir=data\ngwmp.port=" + udpPort + "\nhealth.interval.seconds=5\n");
        return config;
    }

    private static String script(Path runtime) {
        return runtime.resolve("bin/mutualis-gateway").toString();
    }



    /** Notes when the watched gateway's first reading reaches the broker, and its latest heap figure. */
    private final class Observer implements AutoCloseable {
        private final MqttAsyncClient client;
        private volatile String gatewayId = "";
        private final AtomicLong firstReading = new AtomicLong();
        private final AtomicLong heapBytes = new AtomicLong();

        Observer(String broker) throws MqttException {
            client = new MqttAsyncClient(broker, "bench-observer", new MemoryPersistence());
            client.setCallback((MessageCallback) (topic, payload) -> {
                if (!topic.contains("/" + gatewayId + "/")) {
                    return;
                }
                if (topic.endsWith("/up")) {
                    firstReading.compareAndSet(0, System.nanoTime());
                } else if (topic.endsWith("/health")) {
                    JsonNode health = json.readTree(payload);
                    heapBytes.set((long) health.at("/metrics/jvm.heap.used.bytes").asDouble());
                }
            });
            client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            client.subscribe(new MqttSubscription[] {new MqttSubscription("mutualis/v1/+/+/up", 0),
                    new MqttSubscription("mutualis/v1/+/+/health", 0)}).waitForCompletion(10_000);
        }

        void reset(String id) {
            gatewayId = id;
            firstReading.set(0);
            heapBytes.set(0);
        }

        long firstReadingNanos() {
            return firstReading.get();
        }

        long lastHeapBytes() {
            return heapBytes.get();
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
