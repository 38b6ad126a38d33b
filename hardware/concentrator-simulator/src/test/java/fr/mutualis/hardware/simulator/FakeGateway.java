package fr.mutualis.hardware.simulator;

import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A tiny stand-in for the gateway agent's GWMP listener on a real loopback UDP socket: records
 * every datagram and, through a replaceable responder, answers PUSH_DATA and PULL_DATA.
 */
public final class FakeGateway implements AutoCloseable {

    /** A datagram as it arrived. */
    public record Received(byte[] bytes, SocketAddress from, long nanos) {
        public int identifier() {
            return bytes.length >= 4 ? bytes[3] & 0xFF : -1;
        }

        public int token() {
            return Gwmp.token(bytes);
        }

        public byte[] body() {
            return Arrays.copyOfRange(bytes, Math.min(bytes.length, 12), bytes.length);
        }
    }

    /** Decides what to answer; runs on the receiving thread. */
    @FunctionalInterface
    public interface Responder {
        void onDatagram(Received datagram, FakeGateway gateway) throws IOException;
    }

    /** Acknowledges well-formed PUSH_DATA and PULL_DATA (12-byte header, version 1 or 2), as the agent does. */
    public static final Responder ACK_ALL = (d, gw) -> {
        byte[] b = d.bytes();
        if (b.length >= 12 && (b[0] == 1 || b[0] == 2) && (d.identifier() == Gwmp.PUSH_DATA || d.identifier() == Gwmp.PULL_DATA)) {
            int ack = d.identifier() == Gwmp.PUSH_DATA ? Gwmp.PUSH_ACK : Gwmp.PULL_ACK;
            gw.send(new byte[] {b[0], b[1], b[2], (byte) ack}, d.from());
        }
    };

    private final DatagramSocket socket;
    private final Thread thread;
    private final List<Received> received = new ArrayList<>();
    private volatile Responder responder;
    private volatile SocketAddress pullSource;

    public FakeGateway(Responder responder) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.responder = responder;
        this.thread = new Thread(this::run, "fake-gateway");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public void respondWith(Responder value) {
        responder = value;
    }

    public void send(byte[] datagram, SocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    /** Where the last PULL_DATA came from: where a real gateway sends PULL_RESP. */
    public SocketAddress pullSource() {
        return pullSource;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code count} received datagrams match; returns the matching ones. */
    public synchronized List<Received> await(Predicate<Received> filter, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> matching = received.stream().filter(filter).toList();
            long left = deadline - System.nanoTime();
            if (matching.size() >= count || left <= 0) {
                return matching;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void run() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                continue;
            }
            Received datagram = new Received(Arrays.copyOf(buffer, packet.getLength()), packet.getSocketAddress(),
                    System.nanoTime());
            if (datagram.identifier() == Gwmp.PULL_DATA) {
                pullSource = datagram.from();
            }
            try {
                responder.onDatagram(datagram, this);
            } catch (IOException e) {
                // the test will notice the missing answer
            }
            synchronized (this) {
                received.add(datagram);
                notifyAll();
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
