package fr.mutualis.hardware.simulator;

import fr.mutualis.hardware.simulator.downlink.DownlinkEndpoint;
import fr.mutualis.hardware.simulator.downlink.ReceivedDownlink;
import fr.mutualis.hardware.simulator.mix.GroundTruthLog;
import fr.mutualis.hardware.simulator.mix.MixPlayer;
import fr.mutualis.hardware.simulator.mix.TrafficMix;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar mutualis-concentrator-simulator.jar --gateway 127.0.0.1:1700}: feeds a gateway
 * agent with simulated LoRaWAN uplinks over the real packet-forwarder protocol. With {@code --mix},
 * sends a seeded traffic mix instead and writes its ground truth ({@code --ground-truth FILE}).
 */
@Command(name = "concentrator-simulator", mixinStandardHelpOptions = true,
        description = "Simulated LoRa concentrator: sends uplinks to a gateway agent over GWMP (Semtech UDP), "
                + "answers its downlinks.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--gateway", description = "Agent's GWMP address, host:port (default ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1:1700")
    String gateway;

    @Option(names = "--eui", description = "Concentrator EUI, 16 hex digits (default ${DEFAULT-VALUE}).",
            defaultValue = "0016c001ff10a235")
    String eui;

    @Option(names = "--devices", description = "Simulated end devices, plain traffic (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int devices;

    @Option(names = "--interval-ms",
            description = "Pause between uplinks (default 1000), or with --mix between datagrams (default 0).")
    Long intervalMillis;

    @Option(names = "--count", description = "Uplinks to send, 0 for no end, plain traffic (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long count;

    @Option(names = "--payload-size", description = "FRMPayload bytes, plain traffic (default ${DEFAULT-VALUE}).",
            defaultValue = "12")
    int payloadSize;

    @Option(names = "--seed", description = "Traffic seed, for reproducible runs (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--mix", description = "Send a seeded traffic mix with a ground truth instead of plain traffic.")
    boolean mix;

    @Option(names = "--ground-truth", paramLabel = "FILE", description = "With --mix: write the ground truth here (JSON lines).")
    Path groundTruth;

    @Option(names = "--linger", defaultValue = "0",
            description = "With --mix: seconds to keep answering downlinks after the mix (default ${DEFAULT-VALUE}).")
    int lingerSeconds;

    @Mixin
    MixOptions mixOptions = new MixOptions();

    @Mixin
    DownlinkCliOptions downlinkOptions = new DownlinkCliOptions();

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        String[] hostPort = gateway.split(":");
        if (hostPort.length != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--gateway must be host:port");
        }
        InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        long gatewayEui = Long.parseUnsignedLong(eui, 16);
        return mix ? runMix(address, gatewayEui) : runPlain(address, gatewayEui);
    }

    private int runPlain(InetSocketAddress address, long gatewayEui) throws Exception {
        TrafficGenerator traffic = new TrafficGenerator(seed, devices, payloadSize);
        long pause = intervalMillis == null ? 1000 : intervalMillis;
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(address, gatewayEui, Duration.ofMillis(500), 5)) {
            startDownlink(simulator);
            long sent = 0;
            long lastReport = System.nanoTime();
            while (count == 0 || sent < count) {
                ConcentratorSimulator.PushResult result = simulator.push(List.of(traffic.next(ConcentratorSimulator.now())));
                sent++;
                if (!result.acknowledged()) {
                    out.printf("uplink %d (token %d) not acknowledged after %d attempts%n", sent,
                            result.token(), result.attempts());
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    out.printf("%d uplinks sent, %d acknowledged, %d retransmissions%n", simulator.pushed(),
                            simulator.acknowledged(), simulator.retransmissions());
                    lastReport = System.nanoTime();
                }
                Thread.sleep(pause);
            }
            out.printf("%d uplinks sent, %d acknowledged, %d retransmissions%n", simulator.pushed(),
                    simulator.acknowledged(), simulator.retransmissions());
        }
        return 0;
    }

    private int runMix(InetSocketAddress address, long gatewayEui) throws Exception {
        TrafficMix traffic = TrafficMix.generate(mixOptions.config(seed, gatewayEui), mixOptions.policy());
        long pause = intervalMillis == null ? 0 : intervalMillis;
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(address, gatewayEui, Duration.ofMillis(500), 1);
             GroundTruthLog log = groundTruth == null ? null : new GroundTruthLog(groundTruth)) {
            if (log != null) {
                log.writeMix(traffic);
            }
            DownlinkEndpoint downlink = startDownlink(simulator);
            if (downlink != null) {
                if (log != null) {
                    downlink.addListener(log::recordDownlink);
                }
                // The gateway should know the downstream route before the mix starts.
                downlink.awaitPullAck(Duration.ofSeconds(2));
            }
            MixPlayer.Report report = new MixPlayer(simulator,
                    new MixPlayer.Options(Duration.ofMillis(pause), Duration.ofMillis(200))).play(traffic);
            if (log != null) {
                log.recordPlay(report);
            }
            out.printf("%d datagrams sent, %d of %d PUSH_DATA acknowledged%n", report.datagramsSent(),
                    report.pushAcksExpected() - report.unacknowledgedTokens().size(), report.pushAcksExpected());
            traffic.groundTruth().expectedCounts().forEach((label, n) -> out.printf("  %-32s %d%n", label, n));
            if (lingerSeconds > 0) {
                Thread.sleep(lingerSeconds * 1000L);
            }
            if (downlink != null) {
                out.printf("%d PULL_DATA sent, %d PULL_ACK received, %d downlinks%n", downlink.pullDataSent(),
                        downlink.pullAcks(), downlink.receivedDownlinks().size());
            }
            return report.allAcknowledged() ? 0 : 1;
        }
    }

    private DownlinkEndpoint startDownlink(ConcentratorSimulator simulator) throws IOException {
        if (!downlinkOptions.enabled()) {
            return null;
        }
        DownlinkEndpoint endpoint = simulator.startDownlink(downlinkOptions.options());
        endpoint.addListener(this::print);
        return endpoint;
    }

    private void print(ReceivedDownlink downlink) {
        out.printf("downlink token %d: %s%n", downlink.token(), downlink.outcome());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }
}
