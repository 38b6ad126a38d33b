package fr.mutualis.gateway.store;

import fr.mutualis.contract.Priority;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.IntakeRefusedException;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.ReadingStore;
import fr.mutualis.gateway.api.StoredFrameListener;
import fr.mutualis.gateway.api.UplinkTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway's store-and-forward service: keeps the frames the filter pipeline passes on in the
 * durable journal, each in its lane, and forwards them through the uplink.
 *
 * <p><strong>Durability guarantee:</strong> {@link #store} completes only when the readings are
 * written and fdatasync'd in the journal; they then survive kill -9 and power loss, and are
 * dropped only by the configured capacity policy (byte budget, age per lane), which counts every drop.
 */
@Component(configurationPid = StoreAndForward.PID, service = {ReadingStore.class, MetricsSource.class})
@Designate(ocd = StoreAndForward.Config.class)
public class StoreAndForward implements ReadingStore, MetricsSource {

    public static final String PID = "fr.mutualis.gateway.store";
    private static final String DATA_DIR_PROPERTY = "mutualis.data.dir";

    @ObjectClassDefinition(name = "Store and forward",
            description = "Durable journal of accepted readings and their delivery to the fleet.")
    public @interface Config {
        @AttributeDefinition(name = "Disk budget (MiB)",
                description = "Beyond it, the oldest readings of the lowest lane are dropped and counted.", min = "1")
        int maxTotalMiB() default 512;

        @AttributeDefinition(name = "Segment size (KiB)", min = "64")
        int segmentKiB() default 4096;

        @AttributeDefinition(name = "Group commit linger (ms)",
                description = "Longest wait to gather more readings into one fsync.", min = "0", max = "1000")
        int commitLingerMillis() default 10;

        @AttributeDefinition(name = "Keep alarms (hours)", min = "1")
        int alarmMaxAgeHours() default 720;

        @AttributeDefinition(name = "Keep normal readings (hours)", min = "1")
        int normalMaxAgeHours() default 168;

        @AttributeDefinition(name = "Keep bulk readings (hours)", min = "1")
        int bulkMaxAgeHours() default 72;

        @AttributeDefinition(name = "Disk reserve (MiB)",
                description = "Below this much free space, readings are refused and an alarm raised.", min = "0")
        int minFreeDiskMiB() default 64;

        @AttributeDefinition(name = "Batch size", description = "Readings per MQTT message.", min = "1", max = "1000")
        int batchSize() default 100;

        @AttributeDefinition(name = "Messages in flight", description = "Unacknowledged MQTT messages at once.",
                min = "1", max = "64")
        int maxInFlight() default 8;

        @AttributeDefinition(name = "Publish timeout (s)", min = "1")
        int publishTimeoutSeconds() default 15;

        @AttributeDefinition(name = "Late after (s)",
                description = "A reading delivered longer than this after its reception is flagged late.", min = "1")
        int lateAfterSeconds() default 60;
    }

    private final Logger log;
    private final StoreAndForwardJournal journal;
    private final JournalForwarder forwarder;
    private final Thread forwarderThread;
    private final ScheduledExecutorService housekeeping;
    private volatile UplinkTransport uplink;
    private final List<StoredFrameListener> listeners = new CopyOnWriteArrayList<>();
    private long lastForwarded;
    private long lastRateNanos = System.nanoTime();

    @Activate
    public StoreAndForward(Config config, BundleContext context, @Reference GatewayIdentity identity,
                           @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.log = log;
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        Path base = dataDir != null ? Path.of(dataDir) : context.getDataFile("").toPath();
        // Sequence numbers belong to one gateway id: a gateway re-installed under another id starts afresh.
        StoreAndForwardJournal.Settings settings = new StoreAndForwardJournal.Settings(
                base.resolve("journal").resolve(identity.gatewayId()),
                config.segmentKiB() * 1024L, Duration.ofMillis(config.commitLingerMillis()), 4096,
                config.maxTotalMiB() * 1024L * 1024L,
                Map.of(Priority.ALARM, Duration.ofHours(config.alarmMaxAgeHours()),
                        Priority.NORMAL, Duration.ofHours(config.normalMaxAgeHours()),
                        Priority.BULK, Duration.ofHours(config.bulkMaxAgeHours())),
                config.minFreeDiskMiB() * 1024L * 1024L);
        this.journal = StoreAndForwardJournal.open(settings, Clock.systemUTC());
        journal.recoveryDamage().forEach(damage -> log.error("Journal damage repaired in {}: {}; {} bytes set aside",
                damage.file(), damage.reason(), damage.quarantinedBytes()));
        log.info("Journal open with {} readings waiting ({} bytes on disk)", journal.pending(), journal.bytesOnDisk());
        this.forwarder = new JournalForwarder(journal, () -> uplink, new JournalForwarder.Settings(config.batchSize(),
                config.maxInFlight(), Duration.ofSeconds(config.publishTimeoutSeconds()),
                Duration.ofSeconds(config.lateAfterSeconds()), Duration.ofSeconds(30)), log::warn);
        this.forwarderThread = new Thread(forwarder, "mutualis-forwarder");
        this.forwarderThread.setDaemon(true);
        this.forwarderThread.start();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::persistDeliveryState, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::enforceCapacity, 5, 10, TimeUnit.SECONDS);
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindUplink(UplinkTransport transport) {
        this.uplink = transport;
    }

    void unbindUplink(UplinkTransport transport) {
        if (this.uplink == transport) {
            this.uplink = null;
        }
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, cardinality = ReferenceCardinality.MULTIPLE)
    void bindListener(StoredFrameListener listener) {
        listeners.add(listener);
    }

    void unbindListener(StoredFrameListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException, IOException {
        forwarder.stop();
        forwarderThread.join(5_000);
        // Not shutdownNow(): interrupting a delivery-state write in progress would close its file
        // channel (NIO channels close when their thread is interrupted). Periodic runs stop here; a
        // run in progress finishes, then the journal writes the final state.
        housekeeping.shutdown();
        if (!housekeeping.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("Journal housekeeping still running after 10 s: closing the journal anyway");
        }
        journal.close();
        log.info("Journal closed with {} readings waiting", journal.pending());
    }

    @Override
    public CompletableFuture<Void> store(List<ClassifiedFrame> frames) {
        List<StoreAndForwardJournal.Incoming> incoming = new ArrayList<>(frames.size());
        for (ClassifiedFrame classified : frames) {
            incoming.add(new StoreAndForwardJournal.Incoming(classified.priority(), classified.frame().receivedAt(),
                    classified.frame().phyPayload(), classified.frame().radio()));
        }
        return journal.append(incoming).handle((seqs, failure) -> {
            if (failure == null) {
                notifyListeners(frames);
                return null;
            }
            if (failure instanceof StoreAndForwardJournal.AppendRefusedException refused) {
                if ("disk-full".equals(refused.reason())) {
                    log.error("Readings refused: {}", refused.getMessage());
                }
                throw new CompletionException(new IntakeRefusedException(refused.reason(), refused.getMessage()));
            }
            throw new CompletionException(new IntakeRefusedException("internal-error", String.valueOf(failure)));
        });
    }

    private void notifyListeners(List<ClassifiedFrame> frames) {
        for (StoredFrameListener listener : listeners) {
            try {
                listener.stored(frames);
            } catch (RuntimeException e) {
                // A local consumer's bug must not turn a durable write into a refusal.
                log.error("Stored-frame listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    private void persistDeliveryState() {
        try {
            journal.persistDeliveryState();
        } catch (IOException | RuntimeException e) {
            log.error("Cannot persist the journal's delivery state: {}", e.toString());
        }
    }

    private void enforceCapacity() {
        try {
            long before = journal.dropped();
            journal.enforceCapacity();
            long dropped = journal.dropped() - before;
            if (dropped > 0) {
                log.warn("Capacity policy dropped {} readings (total {}): see store.dropped.* in health", dropped,
                        journal.dropped());
            }
        } catch (IOException | RuntimeException e) {
            log.error("Cannot enforce the journal's capacity policy: {}", e.toString());
        }
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new TreeMap<>();
        try {
            metrics.putAll(journal.metrics());
        } catch (IOException e) {
            metrics.put("store.metrics.errors", 1);
        }
        long forwarded = forwarder.forwarded();
        long now = System.nanoTime();
        synchronized (this) {
            double seconds = (now - lastRateNanos) / 1e9;
            metrics.put("store.publish.rate", seconds > 0 ? (forwarded - lastForwarded) / seconds : 0);
            lastForwarded = forwarded;
            lastRateNanos = now;
        }
        metrics.put("store.forwarded", forwarded);
        metrics.put("store.replayed", forwarder.replayed());
        metrics.put("store.publish.failures", forwarder.failures());
        metrics.put("store.publish.batches", forwarder.batches());
        return metrics;
    }
}
