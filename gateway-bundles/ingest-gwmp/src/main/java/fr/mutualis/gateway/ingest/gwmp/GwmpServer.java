package fr.mutualis.gateway.ingest.gwmp;

import fr.mutualis.gateway.api.FrameIntake;
import fr.mutualis.gateway.api.IntakeRefusedException;
import fr.mutualis.gateway.api.MetricsSource;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
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
 * Receives the concentrator's packet forwarder on UDP. A PUSH_DATA is acknowledged only after
 * its frames have been accepted by the {@link FrameIntake} (for the journal: written and
 * fsync'd): a forwarder that does not get its PUSH_ACK knows its data did not land. The receiver
 * does not wait for the disk: acknowledgements are sent as acceptances complete, so datagrams
 * arriving meanwhile join the same group commit. Malformed datagrams are counted by reason and
 * dropped; they never stop the receiver.
 */
@Component(configurationPid = GwmpServer.PID, service = MetricsSource.class, immediate = true)
@Designate(ocd = GwmpServer.Config.class)
public class GwmpServer implements MetricsSource {

    public static final String PID = "fr.mutualis.gateway.ingest.gwmp";

    @ObjectClassDefinition(name = "Packet-forwarder (GWMP) ingest",
            description = "UDP server for the concentrator's Semtech packet forwarder.")
    public @interface Config {
        @AttributeDefinition(name = "Bind address",
                description = "Address to listen on; the forwarder usually runs on the same host.")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "UDP port", min = "1", max = "65535")
        int port() default 1700;
    }

    /** The largest datagram the protocol allows (IPv4 UDP payload). */
    private static final int MAX_DATAGRAM = 65_507;

    private final Logger log;
    private final FrameIntake intake;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final RxpkDecoder decoder = new RxpkDecoder();
    private volatile boolean running = true;

    private final AtomicLong pushData = new AtomicLong();
    private final AtomicLong pullData = new AtomicLong();
    private final AtomicLong framesAccepted = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

    @Activate
    public GwmpServer(Config config, @Reference FrameIntake intake,
                      @Reference(service = LoggerFactory.class) Logger log) throws SocketException {
        this.intake = intake;
        this.log = log;
        this.socket = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.port()));
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
            reply(packet, datagram.getSocketAddress());
            return;
        }
        pushData.incrementAndGet();
        RxpkDecoder.Decoded decoded = decoder.decode(packet.json(), receivedAt);
        decoded.rejections().forEach(this::count);
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
        metrics.put("ingest.gwmp.frames.accepted", framesAccepted.get());
        rejected.forEach((reason, count) -> metrics.put("ingest.gwmp.rejected." + reason, count.get()));
        return metrics;
    }
}
