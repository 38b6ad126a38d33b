package fr.mutualis.gateway.ingest.gwmp;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.gateway.pipeline.FramePipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Frames per second through the gateway's receive path on one core — GWMP header, PUSH_DATA JSON,
 * base64, LoRaWAN parse, filters, deduplication, rate limit, priority rules — against a plain
 * Jackson tree parse of the same datagrams' JSON, in the same run (JMH, one fork, {@code -Xmx64m}).
 *
 * <p>The corpus is a realistic mix (one rxpk per PUSH_DATA, 12-51 byte PHYPayloads from 5,000 own
 * and 2,000 foreign devices, 5 % exact duplicates, 10 % foreign networks, 3 % join requests, 2 %
 * bad CRC) of 32,768 distinct datagrams; the pipeline's clock advances 5 µs per frame (the bar's 200,000 frames/s), so its
 * deduplication window holds 40,000 frames as it would at that rate.
 *
 * <p>Not part of the build's tests (its name is not a test name). Run it, on one core:
 * <pre>
 * taskset -c 0 mvn -B test -pl gateway-bundles/ingest-gwmp -Dtest=IngestThroughputBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Results: {@code gateway-bundles/ingest-gwmp/target/benchmarks/ingest-throughput.md}.
 */
public class IngestThroughputBenchmark {

    private static final int CORPUS = 32_768;
    /** A large commune cluster: devices of the syndicate heard by one gateway, and of neighbouring networks. */
    private static final int OWN_DEVICES = 5_000;
    private static final int FOREIGN_DEVICES = 2_000;

    @State(Scope.Thread)
    public static class Corpus {
        byte[][] datagrams;
        ObjectMapper mapper;
        RxpkDecoder decoder;
        FramePipeline pipeline;
        long clock;
        int next;

        @Setup(Level.Trial)
        public void build() {
            datagrams = datagrams(new Random(20261122));
            mapper = new ObjectMapper();
            decoder = new RxpkDecoder();
            pipeline = PipelineFixtures.pipeline(Map.of("netIds", new String[] {"000013"},
                    "priorityRules", new String[] {"ALARM fport=99", "BULK fport=200-223"},
                    "rateLimitFrames", 1000), () -> clock);
        }

        byte[] nextDatagram() {
            byte[] datagram = datagrams[next];
            next = (next + 1) % datagrams.length;
            clock += 5_000;
            return datagram;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void baselineJacksonTreeParse(Corpus corpus, Blackhole sink) throws IOException {
        byte[] datagram = corpus.nextDatagram();
        sink.consume(corpus.mapper.readTree(datagram, 12, datagram.length - 12));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void gwmpParseFilterDedupe(Corpus corpus, Blackhole sink) throws MalformedPacketException {
        byte[] datagram = corpus.nextDatagram();
        GwmpPacket packet = GwmpPacket.parse(datagram, datagram.length);
        RxpkDecoder.Decoded decoded = corpus.decoder.decode(packet.json(), Instant.EPOCH);
        sink.consume(corpus.pipeline.accept(decoded.frames()));
    }

    @Test
    void run() throws Exception {
        Options options = new OptionsBuilder()
                .include(IngestThroughputBenchmark.class.getName() + "\\.")
                .forks(1)
                .jvmArgsAppend("-Xmx64m", "-XX:+UseSerialGC")
                .warmupIterations(3).warmupTime(TimeValue.seconds(3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(4))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        StringBuilder report = new StringBuilder("| benchmark | frames/s | ± (99.9 %) |\n|---|---|---|\n");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            report.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f |%n", name,
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
        }
        Path out = Path.of("target", "benchmarks", "ingest-throughput.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** Seeded datagrams, each a PUSH_DATA v2 with one rxpk as a SX1302 forwarder writes it. */
    static byte[][] datagrams(Random random) {
        int[] ownDevices = devAddrs(random, OWN_DEVICES, 0x26000000, 0x02000000);
        int[] foreignDevices = devAddrs(random, FOREIGN_DEVICES, 0x02000000, 0x01000000);
        byte[][] datagrams = new byte[CORPUS][];
        byte[] previous = null;
        for (int i = 0; i < CORPUS; i++) {
            int kind = random.nextInt(100);
            byte[] phy;
            int stat = 1;
            if (kind < 5 && previous != null) {
                phy = previous; // the same frame demodulated twice
            } else if (kind < 15) {
                phy = dataUp(random, foreignDevices[random.nextInt(foreignDevices.length)]); // a foreign network
            } else if (kind < 18) {
                phy = joinRequest(random);
            } else {
                phy = dataUp(random, ownDevices[random.nextInt(ownDevices.length)]);
                stat = kind < 20 ? -1 : 1;
            }
            previous = phy;
            String json = String.format(Locale.ROOT, "{\"rxpk\":[{\"jver\":1,\"tmst\":%d,\"time\":\"2026-11-22T10:%02d:%02d.%06dZ\","
                            + "\"tmms\":%d,\"chan\":%d,\"rfch\":%d,\"freq\":%.1f,\"mid\":8,\"stat\":%d,\"modu\":\"LORA\","
                            + "\"datr\":\"SF%dBW125\",\"codr\":\"4/5\",\"rssis\":%d,\"lsnr\":%.1f,\"foff\":%d,"
                            + "\"rssi\":%d,\"size\":%d,\"data\":\"%s\"}]}",
                    random.nextInt() & 0x7FFFFFFF, random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000),
                    1_447_000_000_000L + i, random.nextInt(8), random.nextInt(2), 867.1 + random.nextInt(8) * 0.2,
                    stat, 7 + random.nextInt(6), -60 - random.nextInt(60), random.nextInt(200) / 10.0 - 10,
                    random.nextInt(2000) - 1000, -58 - random.nextInt(60), phy.length,
                    Base64.getEncoder().encodeToString(phy));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] datagram = new byte[12 + body.length];
            datagram[0] = 2;
            datagram[1] = (byte) random.nextInt();
            datagram[2] = (byte) random.nextInt();
            datagram[3] = 0;
            for (int b = 4; b < 12; b++) {
                datagram[b] = (byte) (0xA0 + b);
            }
            System.arraycopy(body, 0, datagram, 12, body.length);
            datagrams[i] = datagram;
        }
        return datagrams;
    }

    private static int[] devAddrs(Random random, int count, int prefix, int range) {
        int[] devAddrs = new int[count];
        for (int i = 0; i < count; i++) {
            devAddrs[i] = prefix | random.nextInt(range);
        }
        return devAddrs;
    }

    private static byte[] dataUp(Random random, int devAddr) {
        int fOpts = random.nextInt(10) == 0 ? 3 : 0;
        int payload = 2 + random.nextInt(36);
        byte[] frame = new byte[1 + 7 + fOpts + 1 + payload + 4];
        frame[0] = (byte) (random.nextBoolean() ? 0x40 : 0x80);
        frame[1] = (byte) devAddr;
        frame[2] = (byte) (devAddr >> 8);
        frame[3] = (byte) (devAddr >> 16);
        frame[4] = (byte) (devAddr >> 24);
        frame[5] = (byte) fOpts;
        frame[6] = (byte) random.nextInt();
        frame[7] = (byte) random.nextInt();
        int rest = 8 + fOpts;
        for (int b = 8; b < rest; b++) {
            frame[b] = (byte) random.nextInt();
        }
        frame[rest] = (byte) (1 + random.nextInt(223));
        for (int b = rest + 1; b < frame.length; b++) {
            frame[b] = (byte) random.nextInt();
        }
        return frame;
    }

    private static byte[] joinRequest(Random random) {
        byte[] frame = new byte[23];
        random.nextBytes(frame);
        frame[0] = 0x00;
        return frame;
    }
}
