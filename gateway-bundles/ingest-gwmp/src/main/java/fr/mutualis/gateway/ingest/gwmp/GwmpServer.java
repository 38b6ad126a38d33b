package fr.mutualis.gateway.ingest.gwmp;

import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.gateway.api.DownlinkTransmitter;
import fr.mutualis.gateway.api.FrameIntake;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.IntakeRefusedException;
import fr.mutualis.gateway.api.MetricsSource;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The concentrator's packet forwarder's server on UDP (Semtech protocol versions 1 and 2).
 *
 * <p>Upstream: a PUSH_DATA is acknowledged only after its frames have been accepted by the
 * {@link FrameIntake} (each one stored durably or dropped by a counted filter): a forwarder that
 * does not get its PUSH_ACK knows its data did not land. The receiver does not wait for the
 * disk: acknowledgements are sent as acceptances complete, so datagrams arriving meanwhile join
 * the same group commit. {@code stat} objects become {@code concentrator.*} health metrics.
 *
 * <p>Downstream: PULL_DATA keep-alives are answered and give the forwarder's address; downlinks
 * go out as PULL_RESP and the forwarder's TX_ACK completes them ({@link DownlinkDispatcher}).
 *
 * <p>Malformed datagrams are counted by reason and dropped; they never stop the receiver.
 */
@Component(configurationPid = GwmpServer.PID, service = {MetricsSource.class, DownlinkTransmitter.class},
        immediate = true)
@Designate(ocd = GwmpServer.Config.class)
public class GwmpServer implements MetricsSource, DownlinkTransmitter {

    public static final String PID = "fr.mutualis.gateway.ingest.gwmp";

    @ObjectClassDefinition(name = "Packet-forwarder (GWMP) ingest",
            description = "UDP server for the concentrator's Semtech packet forwarder.")
    public @interface Config {
        @AttributeDefinition(name = "Bind address",
                description = "Address to listen on; the forwarder usually runs on the same host.")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "UDP port", min = "1", max = "65535")
        int port() default 1700;

        @AttributeDefinition(name = "Forwarder silence before downlinks fail (s)",
                description = "Downlinks are refused (NO_FORWARDER) when no PULL_DATA came for this long; "
                        + "forwarders send one every 10 s by default.", min = "5")
        int pullDataExpirySeconds() default 60;

        @AttributeDefinition(name = "TX_ACK timeout (ms)",
                description = "How long to wait for the forwarder's TX_ACK before reporting NO_TX_ACK.", min = "100")
        int txAckTimeoutMillis() default 3000;
    }

    /** The largest datagram the protocol allows (IPv4 UDP payload). */
    private static final int MAX_DATAGRAM = 65_507;

    private final Logger log;
    private final FrameIntake intake;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final RxpkDecoder decoder = new RxpkDecoder();
    private final ConcentratorStatistics statistics = new ConcentratorStatistics();
    private final DownlinkDispatcher downlinks;
    private volatile boolean running = true;

    private final AtomicLong pushData = new AtomicLong();
    private final AtomicLong pullData = new AtomicLong();
    private final AtomicLong txAcks = new AtomicLong();
    private final AtomicLong framesAccepted = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

    @Activate
    public GwmpServer(Config config, @Reference FrameIntake intake, @Reference GatewayIdentity identity,
                      @Reference(service = LoggerFactory.class) Logger log) throws SocketException {
        this.intake = intake;
        this.log = log;
        this.socket = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.port()));
        this.downlinks = new DownlinkDispatcher((datagram, to) -> socket.send(new DatagramPacket(datagram,
                datagram.length, to)), Clock.systemUTC(), identity.gatewayId(), identity.commune(),
                Duration.ofSeconds(config.pullDataExpirySeconds()), Duration.ofMillis(config.txAckTimeoutMillis()));
        this.receiver = new Thread(this::receiveLoop, "mutualis-gwmp");
        this.receiver.setDaemon(true);
        this.receiver.start();
        log.info("Listening for the packet forwarder on udp://{}:{}", config.bindAddress(), socket.getLocalPort());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        socket.close();
        receiver.join(5_000);
        downlinks.close();
    }

    @Override
    public CompletableFuture<DownlinkResult> transmit(DownlinkRequest request) {
        return downlinks.transmit(request, System.nanoTime());
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (running) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                if (running) {
                    log.error("UDP receive failed: {}", e.getMessage());
                }
                continue;
            }
            Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try {
                handle(datagram, receivedAt);
            } catch (MalformedPacketException e) {
                count(e.reason());
                log.debug("Rejected datagram from {}: {}", datagram.getSocketAddress(), e.getMessage());
            } catch (RuntimeException e) {
                count("internal-error");
                log.error("Unexpected error handling a datagram from " + datagram.getSocketAddress(), e);
            }
        }
    }

    private void handle(DatagramPacket datagram, Instant receivedAt) throws MalformedPacketException {
        GwmpPacket packet = GwmpPacket.parse(datagram.getData(), datagram.getLength());
        if (packet.identifier() == GwmpPacket.PULL_DATA) {
            pullData.incrementAndGet();
            downlinks.onPullData(packet, datagram.getSocketAddress(), System.nanoTime());
            reply(packet, datagram.getSocketAddress());
            return;
        }
        if (packet.identifier() == GwmpPacket.TX_ACK) {
            txAcks.incrementAndGet();
            downlinks.onTxAck(packet);
            return;
        }
        pushData.incrementAndGet();
        RxpkDecoder.Decoded decoded = decoder.decode(packet.json(), receivedAt);
        decoded.rejections().forEach(this::count);
        if (decoded.stat() != null) {
            statistics.record(decoded.stat(), System.nanoTime());
        }
        SocketAddress sender = datagram.getSocketAddress();
        intake.accept(decoded.frames()).whenComplete((accepted, failure) -> {
            if (failure == null) {
                framesAccepted.addAndGet(decoded.frames().size());
                reply(packet, sender);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String reason = cause instanceof IntakeRefusedException refused ? refused.reason() : "internal-error";
            count("intake-" + reason);
            log.warn("Not acknowledging PUSH_DATA {} from {}: {}", packet.token(), packet.gatewayEuiHex(),
                    cause.getMessage());
        });
    }

    private void reply(GwmpPacket packet, SocketAddress to) {
        byte[] ack = packet.acknowledgement();
        try {
            socket.send(new DatagramPacket(ack, ack.length, to));
        } catch (IOException e) {
            count("ack-send-failed");
            log.warn("Could not send the acknowledgement to {}: {}", to, e.getMessage());
        }
    }

    private void count(String reason) {
        rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("ingest.gwmp.push_data", pushData.get());
        metrics.put("ingest.gwmp.pull_data", pullData.get());
        metrics.put("ingest.gwmp.tx_ack", txAcks.get());
        metrics.put("ingest.gwmp.frames.accepted", framesAccepted.get());
        rejected.forEach((reason, count) -> metrics.put("ingest.gwmp.rejected." + reason, count.get()));
        downlinks.addMetrics(metrics);
        statistics.addTo(metrics, System.nanoTime());
        return metrics;
    }
}
