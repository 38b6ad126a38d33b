package fr.mutualis.gateway.forwarding;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.Reading;
import fr.mutualis.gateway.api.FrameIntake;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.IntakeRefusedException;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.ReceivedFrame;
import fr.mutualis.gateway.api.UplinkException;
import fr.mutualis.gateway.api.UplinkTransport;
import fr.mutualis.gateway.bootstrap.InitialConfigurationSeeder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Accepts frames from ingest, numbers them, and forwards them through the uplink, removing a
 * reading only once the broker has acknowledged it.
 *
 * <p><strong>Guarantee:</strong> "accepted" here means numbered with a durable sequence number
 * and held in memory. Accepted readings survive broker outages up to {@code capacity} readings
 * (then intake is refused, so the concentrator is not acknowledged and nothing is silently
 * lost), but not a crash of the gateway process: that is the durable journal's job, which will
 * replace this class behind the same {@link FrameIntake} interface.
 */
@Component(configurationPid = ForwardingQueue.PID, service = {FrameIntake.class, MetricsSource.class})
@Designate(ocd = ForwardingQueue.Config.class)
public class ForwardingQueue implements FrameIntake, MetricsSource {

    public static final String PID = "fr.mutualis.gateway.forwarding";

    @ObjectClassDefinition(name = "Forwarding queue",
            description = "Holds accepted readings until the broker acknowledges them.")
    public @interface Config {
        @AttributeDefinition(name = "Capacity", description = "Readings held before intake is refused.", min = "1")
        int capacity() default 10_000;

        @AttributeDefinition(name = "Batch size", description = "Readings per MQTT message.", min = "1", max = "1000")
        int batchSize() default 50;

        @AttributeDefinition(name = "Publish timeout (s)", description = "Wait for the broker's acknowledgement.", min = "1")
        int publishTimeoutSeconds() default 10;

        @AttributeDefinition(name = "Maximum retry delay (ms)", description = "Cap of the exponential backoff.", min = "100")
        int maxRetryDelayMillis() default 30_000;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile UplinkTransport uplink;

    private final Config config;
    private final PersistentSequence sequence;
    private final ArrayDeque<Reading> pending = new ArrayDeque<>();
    private final Thread forwarder;
    private volatile boolean running = true;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refusedFull = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();

    /**
     * Nothing is accepted before the gateway knows who it is: sequence numbers belong to one
     * gateway id (a gateway re-installed under another id starts again from 1).
     */
    @Activate
    public ForwardingQueue(Config config, BundleContext context, @Reference GatewayIdentity identity) throws IOException {
        this.config = config;
        String dataDir = context.getProperty(InitialConfigurationSeeder.DATA_DIR_PROPERTY);
        Path base = dataDir != null ? Path.of(dataDir) : context.getDataFile("").toPath();
        this.sequence = new PersistentSequence(base.resolve("forwarding").resolve(identity.gatewayId()).resolve("sequence"));
        this.forwarder = new Thread(this::forwardLoop, "mutualis-forwarder");
        this.forwarder.setDaemon(true);
        this.forwarder.start();
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        running = false;
        synchronized (pending) {
            pending.notifyAll();
        }
        forwarder.interrupt();
        forwarder.join(5_000);
        sequence.close();
        int left;
        synchronized (pending) {
            left = pending.size();
        }
        if (left > 0) {
            log.warn("Stopping with {} accepted readings not yet forwarded; they are lost (no durable journal yet)", left);
        }
    }

    @Override
    public void accept(List<ReceivedFrame> frames) throws IntakeRefusedException {
        if (frames.isEmpty()) {
            return;
        }
        synchronized (pending) {
            if (!running) {
                throw new IntakeRefusedException("stopping", "the forwarding queue is stopping");
            }
            if (pending.size() + frames.size() > config.capacity()) {
                refusedFull.incrementAndGet();
                throw new IntakeRefusedException("full", "forwarding queue full: " + pending.size()
                        + " readings waiting for the uplink, capacity " + config.capacity());
            }
            long first;
            try {
                first = sequence.reserve(frames.size());
            } catch (IOException e) {
                throw new IntakeRefusedException("disk", "cannot persist the sequence number: " + e.getMessage());
            }
            for (int i = 0; i < frames.size(); i++) {
                ReceivedFrame frame = frames.get(i);
                pending.addLast(new Reading(first + i, frame.receivedAt(), false, Priority.NORMAL,
                        frame.phyPayload(), frame.radio()));
            }
            accepted.addAndGet(frames.size());
            pending.notifyAll();
        }
    }

    private void forwardLoop() {
        long retryDelay = 0;
        while (running) {
            try {
                List<Reading> batch = nextBatch();
                UplinkTransport transport = uplink;
                if (batch.isEmpty()) {
                    continue;
                }
                if (transport == null || !transport.isConnected()) {
                    Thread.sleep(200);
                    continue;
                }
                transport.publishReadings(batch, Duration.ofSeconds(config.publishTimeoutSeconds()));
                removeForwarded(batch.size());
                retryDelay = 0;
            } catch (UplinkException e) {
                publishFailures.incrementAndGet();
                retryDelay = nextDelay(retryDelay);
                log.warn("Publishing readings failed, retrying in {} ms: {}", retryDelay, e.getMessage());
                sleepQuietly(retryDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug must not kill the only thread that forwards readings.
                log.error("Unexpected error in the forwarder; retrying", e);
                retryDelay = nextDelay(retryDelay);
                sleepQuietly(retryDelay);
            }
        }
    }

    private List<Reading> nextBatch() throws InterruptedException {
        synchronized (pending) {
            while (running && pending.isEmpty()) {
                pending.wait(1_000);
            }
            List<Reading> batch = new ArrayList<>(Math.min(pending.size(), config.batchSize()));
            for (Reading reading : pending) {
                if (batch.size() == config.batchSize()) {
                    break;
                }
                batch.add(reading);
            }
            return batch;
        }
    }

    private void removeForwarded(int count) {
        synchronized (pending) {
            for (int i = 0; i < count; i++) {
                pending.removeFirst();
            }
        }
        forwarded.addAndGet(count);
    }

    /** Exponential backoff with full jitter, so that a fleet reconnecting after an outage spreads out. */
    private long nextDelay(long previous) {
        long ceiling = Math.min(config.maxRetryDelayMillis(), Math.max(200, previous * 2));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Map<String, Number> metrics() {
        int depth;
        synchronized (pending) {
            depth = pending.size();
        }
        return Map.of(
                "forwarding.depth", depth,
                "forwarding.accepted", accepted.get(),
                "forwarding.forwarded", forwarded.get(),
                "forwarding.refused.full", refusedFull.get(),
                "forwarding.publish.failures", publishFailures.get(),
                "forwarding.sequence.last", sequence.last());
    }
}
