package fr.mutualis.hardware.simulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar mutualis-concentrator-simulator.jar --gateway 127.0.0.1:1700}: feeds a gateway
 * agent with simulated LoRaWAN uplinks over the real packet-forwarder protocol.
 */
@Command(name = "concentrator-simulator", mixinStandardHelpOptions = true,
        description = "Simulated LoRa concentrator: sends uplinks to a gateway agent over GWMP (Semtech UDP).")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--gateway", description = "Agent's GWMP address, host:port (default ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1:1700")
    String gateway;

    @Option(names = "--eui", description = "Concentrator EUI, 16 hex digits (default ${DEFAULT-VALUE}).",
            defaultValue = "0016c001ff10a235")
    String eui;

    @Option(names = "--devices", description = "Simulated end devices (default ${DEFAULT-VALUE}).", defaultValue = "10")
    int devices;

    @Option(names = "--interval-ms", description = "Pause between uplinks (default ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long intervalMillis;

    @Option(names = "--count", description = "Uplinks to send, 0 for no end (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long count;

    @Option(names = "--payload-size", description = "FRMPayload bytes (default ${DEFAULT-VALUE}).", defaultValue = "12")
    int payloadSize;

    @Option(names = "--seed", description = "Traffic seed, for reproducible runs (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        String[] hostPort = gateway.split(":");
        if (hostPort.length != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--gateway must be host:port");
        }
        TrafficGenerator traffic = new TrafficGenerator(seed, devices, payloadSize);
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(
                new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                Long.parseUnsignedLong(eui, 16), Duration.ofMillis(500), 5)) {
            long sent = 0;
            long lastReport = System.nanoTime();
            while (count == 0 || sent < count) {
                ConcentratorSimulator.PushResult result = simulator.push(List.of(traffic.next(ConcentratorSimulator.now())));
                sent++;
                if (!result.acknowledged()) {
                    System.out.printf("uplink %d (token %d) not acknowledged after %d attempts%n", sent,
                            result.token(), result.attempts());
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    System.out.printf("%d uplinks sent, %d acknowledged, %d retransmissions%n", simulator.pushed(),
                            simulator.acknowledged(), simulator.retransmissions());
                    lastReport = System.nanoTime();
                }
                Thread.sleep(intervalMillis);
            }
            System.out.printf("%d uplinks sent, %d acknowledged, %d retransmissions%n", simulator.pushed(),
                    simulator.acknowledged(), simulator.retransmissions());
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }
}
