package fr.mutualis.hardware.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.mutualis.hardware.simulator.downlink.DownlinkEndpoint;
import fr.mutualis.hardware.simulator.downlink.DownlinkOptions;
import fr.mutualis.hardware.simulator.gwmp.ConcentratorClock;
import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packet-forwarder side of the Semtech UDP protocol (GWMP v2), as a concentrator's forwarder
 * speaks it to the gateway agent: PUSH_DATA carrying {@code rxpk} JSON, answered by PUSH_ACK, and
 * PULL_DATA keep-alives answered by PULL_ACK.
 *
 * <p>Unlike Semtech's forwarder, which never retransmits, this one can resend a PUSH_DATA whose
 * PUSH_ACK did not come ({@code maxAttempts}); the agent acknowledges only accepted data, so a
 * missing acknowledgement means "not taken". Not thread-safe: one sender thread.
 *
 * <p>The downstream side (PULL_DATA keep-alives, PULL_RESP, TX_ACK) runs on its own socket and
 * thread, as in Semtech's forwarder: {@link #startDownlink(DownlinkOptions)}. A prepared
 * sequence of datagrams is played with {@code mix.MixPlayer}, built on {@link #sendRaw(byte[])}
 * and {@link #awaitPushAcks(Collection, Duration)}.
 */
public final class ConcentratorSimulator implements AutoCloseable {

    /** What became of one PUSH_DATA. */
    public record PushResult(int token, boolean acknowledged, int attempts) {
    }

    private static final int VERSION = 2;
    private static final int PUSH_DATA = Gwmp.PUSH_DATA;
    private static final int PUSH_ACK = Gwmp.PUSH_ACK;
    private static final int PULL_DATA = Gwmp.PULL_DATA;
    private static final int PULL_ACK = Gwmp.PULL_ACK;

    private final DatagramSocket socket;
    private final InetSocketAddress gateway;
    private final long gatewayEuiValue;
    private final byte[] gatewayEui;
    private final ConcentratorClock clock = new ConcentratorClock();
    private final List<DownlinkEndpoint> downlinks = new ArrayList<>();
    private final Duration ackTimeout;
    private final int maxAttempts;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Random tokens = new Random();
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong retransmissions = new AtomicLong();

    /**
     * @param ackTimeout  how long to wait for each PUSH_ACK
     * @param maxAttempts transmissions of one PUSH_DATA before giving up (1 = Semtech's behaviour)
     */
    public ConcentratorSimulator(InetSocketAddress gateway, long gatewayEui, Duration ackTimeout, int maxAttempts)
            throws IOException {
        this.socket = new DatagramSocket();
        this.gateway = gateway;
        this.gatewayEuiValue = gatewayEui;
        this.gatewayEui = new byte[8];
        for (int i = 0; i < 8; i++) {
            this.gatewayEui[i] = (byte) (gatewayEui >>> (56 - 8 * i));
        }
        this.ackTimeout = ackTimeout;
        this.maxAttempts = maxAttempts;
    }

    /** Sends the frames in one PUSH_DATA and waits for its PUSH_ACK, resending up to {@code maxAttempts} times. */
    public PushResult push(List<SimulatedFrame> frames) throws IOException {
        int token = tokens.nextInt(0x10000);
        byte[] datagram = datagram(PUSH_DATA, token, rxpkJson(frames));
        pushed.incrementAndGet();
        frames.forEach(frame -> clock.observe(frame.concentratorTimestamp()));
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                retransmissions.incrementAndGet();
            }
            socket.send(new DatagramPacket(datagram, datagram.length, gateway));
            if (awaitAck(token, PUSH_ACK)) {
                acknowledged.incrementAndGet();
                return new PushResult(token, true, attempt);
            }
        }
        return new PushResult(token, false, maxAttempts);
    }

    /** Sends a raw datagram as is, e.g. a malformed one; returns without waiting for anything. */
    public void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, gateway));
    }

    /** Sends a PULL_DATA keep-alive; true if the PULL_ACK came back in time. */
    public boolean pull() throws IOException {
        int token = tokens.nextInt(0x10000);
        byte[] datagram = datagram(PULL_DATA, token, new byte[0]);
        socket.send(new DatagramPacket(datagram, datagram.length, gateway));
        return awaitAck(token, PULL_ACK);
    }

    /**
     * Waits up to {@code timeout} for the PUSH_ACKs of datagrams already sent (e.g. with
     * {@link #sendRaw(byte[])}); returns the tokens acknowledged, possibly fewer than asked.
     */
    public Set<Integer> awaitPushAcks(Collection<Integer> tokens, Duration timeout) throws IOException {
        return awaitAcks(new HashSet<>(tokens), PUSH_ACK, timeout);
    }

    /**
     * Starts the downstream side (PULL_DATA every {@code keepAlive}, PULL_RESP answered with
     * TX_ACK) on its own socket; it shares this simulator's concentrator clock unless the options
     * name another, and closes with the simulator.
     */
    public synchronized DownlinkEndpoint startDownlink(DownlinkOptions options) throws IOException {
        DownlinkEndpoint endpoint = new DownlinkEndpoint(gateway, gatewayEuiValue,
                options.clock() == null ? options.withClock(clock) : options);
        downlinks.add(endpoint);
        return endpoint;
    }

    /** The simulated SX130x counter: follows the {@code tmst} of the frames sent, runs at real speed. */
    public ConcentratorClock clock() {
        return clock;
    }

    public long gatewayEui() {
        return gatewayEuiValue;
    }

    public InetSocketAddress gatewayAddress() {
        return gateway;
    }

    private boolean awaitAck(int token, int identifier) throws IOException {
        return !awaitAcks(new HashSet<>(Set.of(token)), identifier, ackTimeout).isEmpty();
    }

    private Set<Integer> awaitAcks(Set<Integer> waiting, int identifier, Duration timeout) throws IOException {
        Set<Integer> acknowledgedTokens = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65_535];
        while (!waiting.isEmpty()) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                break;
            }
            socket.setSoTimeout((int) remainingMillis);
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                break;
            }
            int token = (((buffer[1] & 0xFF) << 8) | (buffer[2] & 0xFF));
            if (reply.getLength() >= 4 && (buffer[3] & 0xFF) == identifier && waiting.remove(token)) {
                acknowledgedTokens.add(token);
            }
            // Otherwise a late acknowledgement of an earlier datagram, or something else: keep waiting.
        }
        return acknowledgedTokens;
    }

    private byte[] datagram(int identifier, int token, byte[] json) {
        byte[] datagram = new byte[12 + json.length];
        datagram[0] = VERSION;
        datagram[1] = (byte) (token >> 8);
        datagram[2] = (byte) token;
        datagram[3] = (byte) identifier;
        System.arraycopy(gatewayEui, 0, datagram, 4, 8);
        System.arraycopy(json, 0, datagram, 12, json.length);
        return datagram;
    }

    byte[] rxpkJson(List<SimulatedFrame> frames) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode rxpk = root.putArray("rxpk");
        for (SimulatedFrame frame : frames) {
            ObjectNode entry = rxpk.addObject();
            if (frame.time() != null) {
                entry.put("time", frame.time().truncatedTo(ChronoUnit.MICROS).toString());
            }
            entry.put("tmst", frame.concentratorTimestamp());
            entry.put("chan", 0);
            entry.put("rfch", 0);
            entry.put("freq", frame.frequencyMHz());
            entry.put("stat", 1);
            entry.put("modu", "LORA");
            entry.put("datr", frame.dataRate());
            entry.put("codr", "4/5");
            entry.put("rssi", frame.rssi());
            entry.put("lsnr", frame.snr());
            entry.put("size", frame.phyPayload().length);
            entry.put("data", Base64.getEncoder().encodeToString(frame.phyPayload()));
        }
        return mapper.writeValueAsBytes(root);
    }

    public long pushed() {
        return pushed.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long retransmissions() {
        return retransmissions.get();
    }

    /** Current time as the concentrator's GPS would give it. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public synchronized void close() {
        downlinks.forEach(DownlinkEndpoint::close);
        socket.close();
    }
}
