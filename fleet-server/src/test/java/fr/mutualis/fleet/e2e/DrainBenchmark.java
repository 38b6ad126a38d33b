package fr.mutualis.fleet.e2e;

import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.MessageCallback;
import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.SimulatedFrame;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On-demand benchmark: the gateway drains a backlog built during a broker outage to a local
 * Mosquitto at QoS 1, against a bare Paho QoS 1 publisher sending the very same messages (same
 * bytes, same window of 8 in flight) to the same broker in the same run; live readings sent during
 * the drain have their end-to-end latency measured; the agent's heap is read from its health reports.
 *
 * <pre>
 * mvn -B install -DskipTests && mvn -B verify -pl fleet-server -Dit.test=DrainBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.backlog=100000]
 * </pre>
 * Not part of {@code mvn verify}: its name is not an integration-test name, so it runs only when named.
 * Results: {@code fleet-server/target/benchmarks/drain.md}.
 */
class DrainBenchmark {

    private static final int WINDOW = 8;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Watches the broker: readings per gateway id with arrival times, live payload arrivals, heap. */
    private final class Observer implements MessageCallback {
        final Map<String, AtomicLong> readings = new ConcurrentHashMap<>();
        final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
        final Map<String, Long> payloadArrival = new ConcurrentHashMap<>();
        final AtomicLong maxHeap = new AtomicLong();
        volatile byte[] sampleBatch;

        private final java.util.concurrent.BlockingQueue<Object[]> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Thread parser = new Thread(this::parseLoop, "bench-observer-parser");

        Observer() {
            parser.setDaemon(true);
            parser.start();
        }

        /** Only notes the arrival time: parsing on Paho's thread would make the observer the bottleneck. */
        @Override
        public void onMessage(String topic, byte[] payload) {
            arrivals.add(new Object[] {System.nanoTime(), topic, payload});
        }

        private void parseLoop() {
            while (true) {
                Object[] arrival;
                try {
                    arrival = arrivals.take();
                } catch (InterruptedException e) {
                    return;
                }
                parse((Long) arrival[0], (String) arrival[1], (byte[]) arrival[2]);
            }
        }

        private void parse(long now, String topic, byte[] payload) {
            JsonNode message = json.readTree(payload);
            String gateway = message.path("gatewayId").asString();
            if (topic.endsWith("/health")) {
                maxHeap.accumulateAndGet((long) message.at("/metrics/jvm.heap.used.bytes").asDouble(), Math::max);
                return;
            }
            if (!topic.endsWith("/up")) {
                return;
            }
            int count = message.path("readings").size();
            firstArrival.putIfAbsent(gateway, now);
            lastArrival.put(gateway, now);
            if (count == 100 && sampleBatch == null) {
                sampleBatch = payload;
            }
            for (JsonNode reading : message.path("readings")) {
                payloadArrival.putIfAbsent(reading.path("payload").asString(), now);
            }
            readings.computeIfAbsent(gateway, g -> new AtomicLong()).addAndGet(count);
        }

        long count(String gateway) {
            return readings.getOrDefault(gateway, new AtomicLong()).get();
        }
    }

    @Test
    void drainRateAndLiveLatency() throws Exception {
        int backlog = Integer.getInteger("bench.backlog", 100_000);
        Path work = Files.createTempDirectory("mutualis-drain");
        MosquittoBroker mosquitto = MosquittoBroker.start(MosquittoBroker.requireExecutable(), work.resolve("mosquitto"));
        Observer observer = new Observer();
        MqttConnectionOptions persistent = new MqttConnectionOptions();
        persistent.setCleanStart(false);
        persistent.setSessionExpiryInterval(3600L);
        MqttAsyncClient watcher = new MqttAsyncClient(mosquitto.url(), "bench-watcher", new MemoryPersistence());
        watcher.setCallback(observer);
        watcher.connect(persistent).waitForCompletion(10_000);
        watcher.subscribe(new MqttSubscription[] {new MqttSubscription("mutualis/v1/+/+/up", 1),
                new MqttSubscription("mutualis/v1/+/+/health", 0)}).waitForCompletion(10_000);

        String gatewayId = "gw-drain-" + ProcessHandle.current().pid();
        int udpPort = FreePorts.udp();
        StringBuilder report = new StringBuilder();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve(gatewayId), gatewayId, "35238", mosquitto.url(),
                udpPort, 10);
             ConcentratorSimulator simulator = new ConcentratorSimulator(new InetSocketAddress("127.0.0.1", udpPort),
                     9L, Duration.ofSeconds(2), 3)) {
            TrafficGenerator traffic = new TrafficGenerator(5, 200, 30);
            simulator.push(List.of(traffic.next(Instant.now())));
            await().atMost(Duration.ofSeconds(60)).until(() -> observer.count(gatewayId) >= 1);

            mosquitto.stop();
            long accepted = 0;
            long acceptStarted = System.nanoTime();
            while (accepted < backlog) {
                List<SimulatedFrame> frames = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    frames.add(traffic.next(Instant.now().truncatedTo(ChronoUnit.MICROS)));
                }
                if (simulator.push(frames).acknowledged()) {
                    accepted += frames.size();
                }
            }
            double acceptRate = accepted / ((System.nanoTime() - acceptStarted) / 1e9);
            long before = observer.count(gatewayId);
            observer.firstArrival.remove(gatewayId);
            mosquitto.start();
            // The watcher comes back on its persistent session (Mosquitto saved it when stopped), from
            // a fresh client: Paho's automatic reconnect is not reliable enough to measure with.
            watcher.close(true);
            watcher = new MqttAsyncClient(mosquitto.url(), "bench-watcher", new MemoryPersistence());
            watcher.setCallback(observer);
            watcher.connect(persistent).waitForCompletion(10_000);

            // Live readings every 20 ms while the backlog drains; latency = broker delivery - push.
            Map<String, Long> liveSent = new ConcurrentHashMap<>();
            long target = before + accepted;
            while (observer.count(gatewayId) < target + liveSent.size()) {
                SimulatedFrame frame = traffic.next(Instant.now().truncatedTo(ChronoUnit.MICROS));
                long sentAt = System.nanoTime();
                if (simulator.push(List.of(frame)).acknowledged()) {
                    liveSent.put(Base64.getEncoder().encodeToString(frame.phyPayload()), sentAt);
                }
                Thread.sleep(20);
                if (System.nanoTime() - acceptStarted > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("drain did not finish: " + observer.count(gatewayId) + " of " + target);
                }
            }
            double drainSeconds = (observer.lastArrival.get(gatewayId) - observer.firstArrival.get(gatewayId)) / 1e9;
            long delivered = observer.count(gatewayId) - before;
            double drainRate = delivered / drainSeconds;
            // Live while draining: pushed once the gateway was delivering again (the first replayed
            // message had arrived), not during the reconnection itself.
            long drainStarted = observer.firstArrival.get(gatewayId);
            List<Long> latencies = new ArrayList<>();
            liveSent.forEach((payload, sentAt) -> {
                Long arrival = observer.payloadArrival.get(payload);
                if (arrival != null && sentAt >= drainStarted) {
                    latencies.add((arrival - sentAt) / 1_000_000);
                }
            });
            Collections.sort(latencies);

            double bareRate = barePahoRate(mosquitto.url(), observer, (int) Math.ceil(accepted / 100.0));

            report.append(String.format(Locale.ROOT,
                    "Backlog of %,d readings accepted during a broker outage (%,.0f readings/s accepted, 50 frames per PUSH_DATA)%n%n"
                            + "| measure | value |%n|---|---|%n"
                            + "| gateway drain to Mosquitto, QoS 1, 100 readings per message, %d in flight | %,.0f readings/s |%n"
                            + "| baseline: bare Paho QoS 1 publisher, same messages, same window, same broker | %,.0f readings/s |%n"
                            + "| ratio | %.0f %% |%n"
                            + "| live readings during the drain (one every 20 ms): end-to-end latency p50 / p99 / max (%d samples) | %d / %d / %d ms |%n"
                            + "| gateway heap used, highest health report (limit -Xmx64m) | %.1f MB |%n",
                    accepted, acceptRate, WINDOW, drainRate, bareRate, 100 * drainRate / bareRate, latencies.size(),
                    percentile(latencies, 50), percentile(latencies, 99), latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1),
                    observer.maxHeap.get() / 1e6));
        } finally {
            watcher.disconnect().waitForCompletion(5_000);
            watcher.close();
            mosquitto.close();
        }
        Path out = Path.of("target/benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("drain.md"), report.toString(), StandardCharsets.UTF_8);
        System.out.println("\n" + report);
    }

    private static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Publishes {@code messages} copies of a real 100-reading batch as fast as QoS 1 with a window of 8 allows. */
    private static double barePahoRate(String broker, Observer observer, int messages) throws Exception {
        byte[] batch = observer.sampleBatch;
        String id = "gw-bare-paho";
        byte[] payload = new String(batch, StandardCharsets.UTF_8)
                .replaceFirst("\"gatewayId\":\"[^\"]+\"", "\"gatewayId\":\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
        MqttAsyncClient client = new MqttAsyncClient(broker, id, new MemoryPersistence());
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        for (int i = 0; i < messages; i++) {
            window.acquire();
            client.publish("mutualis/v1/35238/" + id + "/up", payload, 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    window.release();
                }
            });
        }
        window.acquire(WINDOW);
        await().atMost(Duration.ofSeconds(60)).until(() -> observer.count(id) >= messages * 100L);
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return observer.count(id) / ((observer.lastArrival.get(id) - observer.firstArrival.get(id)) / 1e9);
    }
}
