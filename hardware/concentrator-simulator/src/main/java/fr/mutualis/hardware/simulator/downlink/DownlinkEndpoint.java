package fr.mutualis.hardware.simulator.downlink;

import fr.mutualis.hardware.simulator.gwmp.ConcentratorClock;
import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The downstream half of a packet forwarder, on its own UDP socket as in Semtech's forwarder:
 * PULL_DATA keep-alives (the first one at start) that keep the route open for the server,
 * PULL_ACKs counted, and each PULL_RESP validated, recorded and answered with a TX_ACK.
 *
 * <p>One background thread does everything; the accessors may be called from any thread.
 */
public final class DownlinkEndpoint implements AutoCloseable {

    private static final SortedSet<Integer> DEFAULT_POWERS = new TreeSet<>(IntStream.rangeClosed(12, 27).boxed().toList());

    private final DatagramSocket socket;
    private final InetSocketAddress gateway;
    private final long gatewayEui;
    private final DownlinkOptions options;
    private final ConcentratorClock clock;
    private final Thread thread;
    private final Random tokens = new Random();
    private final List<Consumer<ReceivedDownlink>> listeners = new CopyOnWriteArrayList<>();
    private final List<ReceivedDownlink> downlinks = new ArrayList<>();
    private final Map<String, Long> rejections = new TreeMap<>();
    private long pullDataSent;
    private long pullAcks;
    private long outOfSyncAcks;
    private int pendingPullToken = -1;
    private volatile boolean closed;

    public DownlinkEndpoint(InetSocketAddress gateway, long gatewayEui, DownlinkOptions options) throws IOException {
        this.socket = new DatagramSocket();
        this.gateway = gateway;
        this.gatewayEui = gatewayEui;
        this.options = options;
        this.clock = options.clock() != null ? options.clock() : new ConcentratorClock();
        this.thread = new Thread(this::run, "concentrator-downlink");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized long pullDataSent() {
        return pullDataSent;
    }

    /** PULL_ACKs that answered the latest PULL_DATA (late or foreign tokens are not counted). */
    public synchronized long pullAcks() {
        return pullAcks;
    }

    public synchronized long outOfSyncAcks() {
        return outOfSyncAcks;
    }

    /** Every PULL_RESP so far, in arrival order. */
    public synchronized List<ReceivedDownlink> receivedDownlinks() {
        return List.copyOf(downlinks);
    }

    /** Refused PULL_RESPs and stray datagrams by reason. */
    public synchronized Map<String, Long> rejections() {
        return Map.copyOf(rejections);
    }

    /** Called on the endpoint's thread for each PULL_RESP, after its TX_ACK went out. */
    public void addListener(Consumer<ReceivedDownlink> listener) {
        listeners.add(listener);
    }

    /** Waits until at least {@code count} PULL_RESPs have been handled; returns all of them. */
    public synchronized List<ReceivedDownlink> awaitDownlinks(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (downlinks.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(downlinks.size() + " of " + count + " downlinks after " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(downlinks);
    }

    /** Waits for a PULL_ACK, i.e. until the gateway knows where to send PULL_RESPs. */
    public synchronized boolean awaitPullAck(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pullAcks == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void run() {
        byte[] buffer = new byte[65_535];
        long nextPull = System.nanoTime();
        while (!closed) {
            try {
                if (System.nanoTime() - nextPull >= 0) {
                    sendPullData();
                    nextPull = System.nanoTime() + options.keepAlive().toNanos();
                }
                long waitMillis = Math.max(1, Math.min(250, (nextPull - System.nanoTime()) / 1_000_000));
                socket.setSoTimeout((int) waitMillis);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                handle(Arrays.copyOf(buffer, packet.getLength()));
            } catch (SocketTimeoutException e) {
                // time for the next keep-alive, or to notice close()
            } catch (IOException e) {
                if (!closed) {
                    count("io-error");
                }
            }
        }
    }

    private void sendPullData() throws IOException {
        int token = tokens.nextInt(0x10000);
        synchronized (this) {
            pendingPullToken = token;
            pullDataSent++;
        }
        byte[] datagram = Gwmp.datagram(options.protocolVersion(), token, Gwmp.PULL_DATA, gatewayEui, new byte[0]);
        socket.send(new DatagramPacket(datagram, datagram.length, gateway));
    }

    private void handle(byte[] datagram) throws IOException {
        if (datagram.length < 4) {
            count("too-short");
            return;
        }
        if ((datagram[0] & 0xFF) != options.protocolVersion()) {
            count("unknown-version"); // Semtech's forwarder ignores datagrams of another version
            return;
        }
        int identifier = datagram[3] & 0xFF;
        if (identifier == Gwmp.PULL_ACK) {
            pullAck(Gwmp.token(datagram));
        } else if (identifier == Gwmp.PULL_RESP) {
            pullResp(datagram);
        } else {
            count("unexpected-identifier");
        }
    }

    private synchronized void pullAck(int token) {
        if (token == pendingPullToken) {
            pendingPullToken = -1;
            pullAcks++;
            notifyAll();
        } else {
            outOfSyncAcks++;
        }
    }

    private void pullResp(byte[] datagram) throws IOException {
        int token = Gwmp.token(datagram);
        byte[] body = Arrays.copyOfRange(datagram, 4, datagram.length);
        TxpkParser.Result parsed = TxpkParser.parse(body);
        ReceivedDownlink downlink;
        if (parsed.accepted()) {
            TxAckError result = options.txAckPolicy().decide(parsed.txpk(), clock.now());
            // Protocol v1 has no TX_ACK: the server never learns what became of its downlink.
            boolean answer = options.protocolVersion() >= 2;
            if (answer) {
                byte[] ack = TxAckEncoder.encode(options.protocolVersion(), token, gatewayEui, result,
                        options.txAckStyle(), parsed.txpk(), powers());
                socket.send(new DatagramPacket(ack, ack.length, gateway));
            }
            downlink = new ReceivedDownlink(Instant.now(), datagram[0] & 0xFF, token,
                    new String(body, StandardCharsets.UTF_8), parsed.txpk(), result, null, answer);
        } else {
            count(parsed.rejection());
            downlink = new ReceivedDownlink(Instant.now(), datagram[0] & 0xFF, token,
                    new String(body, StandardCharsets.UTF_8), null, null, parsed.rejection(), false);
        }
        synchronized (this) {
            downlinks.add(downlink);
            notifyAll();
        }
        for (Consumer<ReceivedDownlink> listener : listeners) {
            try {
                listener.accept(downlink);
            } catch (RuntimeException e) {
                count("listener-failure");
            }
        }
    }

    private SortedSet<Integer> powers() {
        return options.txAckPolicy() instanceof RealisticTxAckPolicy realistic ? realistic.powers() : DEFAULT_POWERS;
    }

    private synchronized void count(String reason) {
        rejections.merge(reason, 1L, Long::sum);
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
