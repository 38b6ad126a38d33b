package fr.mutualis.provisioning.demo;

import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import fr.mutualis.hardware.simulator.TrafficGenerator;
import fr.mutualis.hardware.simulator.downlink.DownlinkOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A thread feeding one demo gateway with uplinks over GWMP, at a steady pace with a little jitter,
 * and answering its downlinks (PULL_DATA keep-alives, TX_ACK as a real concentrator would).
 */
final class SimulatedConcentrator implements Runnable {

    private final DemoGateway gateway;
    private final long intervalMillis;
    private volatile boolean running = true;

    SimulatedConcentrator(DemoGateway gateway, long intervalMillis) {
        this.gateway = gateway;
        this.intervalMillis = intervalMillis;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        TrafficGenerator traffic = new TrafficGenerator(gateway.trafficSeed(), gateway.devices(), 12);
        try (ConcentratorSimulator simulator = new ConcentratorSimulator(
                new InetSocketAddress("127.0.0.1", gateway.gwmpPort()), 0x0016c001ff100000L + gateway.trafficSeed(),
                Duration.ofSeconds(1), 3)) {
            simulator.startDownlink(DownlinkOptions.defaults());
            while (running) {
                // Unacknowledged pushes (gateway still starting) are simply retried by the simulator.
                simulator.push(List.of(traffic.next(Instant.now().truncatedTo(ChronoUnit.MICROS))));
                long jitter = ThreadLocalRandom.current().nextLong(intervalMillis / 4 + 1);
                Thread.sleep(intervalMillis - intervalMillis / 8 + jitter);
            }
        } catch (IOException e) {
            System.err.println("simulated concentrator of " + gateway.gatewayId() + " stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
