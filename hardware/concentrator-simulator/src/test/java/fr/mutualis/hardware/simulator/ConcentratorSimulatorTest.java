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
import java.util.concurrent.atomic.AtomicReference;
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
            AtomicReference<byte[]> acknowledged = new AtomicReference<>();
            Thread fakeAgent = new Thread(() -> {
                try {
                    byte[] buffer = new byte[65_535];
                    DatagramPacket first = new DatagramPacket(buffer, buffer.length);
                    agent.receive(first); // ignored: the simulator must send it again
                    DatagramPacket second = new DatagramPacket(new byte[65_535], 65_535);
                    agent.receive(second);
                    byte[] data = Arrays.copyOf(second.getData(), second.getLength());
                    // Acknowledge at once, within the 300 ms attempt; the datagram is checked below, in the test thread.
                    agent.send(new DatagramPacket(new byte[] {2, data[1], data[2], 0x01}, 4, second.getSocketAddress()));
                    acknowledged.set(data);
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
            byte[] data = acknowledged.get();
            assertThat(data).as("the retransmitted datagram the fake agent acknowledged").isNotNull();
            assertThat(data[0]).as("protocol version").isEqualTo((byte) 2);
            assertThat(data[3]).as("PUSH_DATA").isEqualTo((byte) 0);
            assertThat(new byte[] {data[4], data[5]}).as("gateway EUI").containsExactly(0x00, 0x16);
            JsonNode json = new ObjectMapper().readTree(Arrays.copyOfRange(data, 12, data.length));
            assertThat(Base64.getDecoder().decode(json.at("/rxpk/0/data").asText())).isEqualTo(frame.phyPayload());
            assertThat(json.at("/rxpk/0/time").asText()).isEqualTo("2026-11-22T10:00:00.000001Z");
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
