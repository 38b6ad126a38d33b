package fr.mutualis.hardware.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcentratorSimulatorTest {

    @Test
    void trafficIsReproducibleAndWellFormed() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        TrafficGenerator a = new TrafficGenerator(7, 3, 10);
        TrafficGenerator b = new TrafficGenerator(7, 3, 10);

        for (int i = 0; i < 6; i++) {
            SimulatedFrame frameA = a.next(now);
            SimulatedFrame frameB = b.next(now);
            assertThat(frameA.phyPayload()).isEqualTo(frameB.phyPayload());
            assertThat(frameA.phyPayload()).hasSize(1 + 7 + 1 + 10 + 4);
            assertThat(frameA.phyPayload()[0]).isEqualTo((byte) 0x40);
            assertThat(frameA.phyPayload()[4]).as("DevAddr MSB, NwkID 0x13").isIn((byte) 0x26, (byte) 0x27);
            assertThat(frameA.phyPayload()[6] & 0xFF).as("FCnt per device").isEqualTo(i / 3);
        }
    }

    @Test
    void resendsUntilAcknowledgedAndSpeaksGwmpV2() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ConcentratorSimulator simulator = new ConcentratorSimulator(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.getLocalPort()),
                     0x0016c001ff10a235L, Duration.ofMillis(300), 3)) {
            SimulatedFrame frame = new TrafficGenerator(1, 1, 4).next(Instant.parse("2026-11-22T10:00:00.000001Z"));
            Thread fakeAgent = new Thread(() -> {
                try {
                    byte[] buffer = new byte[65_535];
                    DatagramPacket first = new DatagramPacket(buffer, buffer.length);
                    agent.receive(first); // ignored: the simulator must send it again
                    DatagramPacket second = new DatagramPacket(new byte[65_535], 65_535);
                    agent.receive(second);
                    byte[] data = Arrays.copyOf(second.getData(), second.getLength());
                    JsonNode json = new ObjectMapper().readTree(Arrays.copyOfRange(data, 12, data.length));
                    if (data[0] == 2 && data[3] == 0 && data[4] == 0x00 && data[5] == 0x16
                            && Arrays.equals(Base64.getDecoder().decode(json.at("/rxpk/0/data").asText()), frame.phyPayload())
                            && json.at("/rxpk/0/time").asText().equals("2026-11-22T10:00:00.000001Z")) {
                        agent.send(new DatagramPacket(new byte[] {2, data[1], data[2], 0x01}, 4, second.getSocketAddress()));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            fakeAgent.start();

            ConcentratorSimulator.PushResult result = simulator.push(List.of(frame));
            fakeAgent.join(5_000);

            assertThat(result.acknowledged()).isTrue();
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(simulator.retransmissions()).isEqualTo(1);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithoutAcknowledgement() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ConcentratorSimulator simulator = new ConcentratorSimulator(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                     1L, Duration.ofMillis(50), 2)) {
            ConcentratorSimulator.PushResult result = simulator.push(List.of(new TrafficGenerator(1, 1, 1).next(Instant.now())));

            assertThat(result.acknowledged()).isFalse();
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(simulator.acknowledged()).isZero();
        }
    }
}
