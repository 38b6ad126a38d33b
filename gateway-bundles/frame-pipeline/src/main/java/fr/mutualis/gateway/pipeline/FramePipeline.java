package fr.mutualis.gateway.pipeline;

import fr.mutualis.contract.Priority;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.FrameIntake;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.ReadingStore;
import fr.mutualis.gateway.api.ReceivedFrame;
import fr.mutualis.gateway.lorawan.MType;
import fr.mutualis.gateway.lorawan.PhyPayload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The gateway's filter pipeline, between ingest and the durable store. For each received frame,
 * in order: CRC status, LoRaWAN framing, network filters (NetID, DevAddr prefixes, JoinEUI
 * ranges), deduplication, per-device rate limit, then the priority rules choose its lane. Frames
 * that pass are stored; the others are counted by reason ({@code pipeline.dropped.<reason>}).
 *
 * <p>The future returned by {@link #accept} completes when every frame of the call is either
 * durably stored or deliberately dropped; a duplicate completes only once its original is stored,
 * so acknowledging the duplicate's datagram never covers a frame that was not kept.
 *
 * <p>A configuration change that does not parse is refused as a whole and the previous policy
 * keeps running ({@code pipeline.config.rejected}): a bad push must not stop ingest.
 */
@Component(configurationPid = FramePipeline.PID, service = {FrameIntake.class, MetricsSource.class})
@Designate(ocd = FramePipeline.Config.class)
public class FramePipeline implements FrameIntake, MetricsSource {

    public static final String PID = "fr.mutualis.gateway.pipeline";

    @ObjectClassDefinition(name = "Frame filter pipeline",
            description = "Which received frames are kept, once, and in which delivery lane.")
    public @interface Config {
        @AttributeDefinition(name = "Accept frames without CRC",
                description = "LoRaWAN uplinks always carry a CRC; a frame without one is usually noise.")
        boolean acceptMissingCrc() default false;

        @AttributeDefinition(name = "LoRaWAN frames only",
                description = "Drop frames that are not valid LoRaWAN R1 PHYPayloads.")
        boolean lorawanOnly() default true;

        @AttributeDefinition(name = "Forward proprietary frames (MType 7)")
        boolean forwardProprietary() default false;

        @AttributeDefinition(name = "Forward join requests")
        boolean forwardJoinRequests() default true;

        @AttributeDefinition(name = "NetID allow-list",
                description = "Hex NetIDs (e.g. 000013) whose devices' data frames are kept; empty keeps every network.",
                required = false)
        String[] netIds() default {};

        @AttributeDefinition(name = "DevAddr allow prefixes",
                description = "Prefixes such as 26011000/20; when set, only matching DevAddrs are kept.", required = false)
        String[] devAddrAllow() default {};

        @AttributeDefinition(name = "DevAddr deny prefixes",
                description = "Prefixes such as 26011f00/24 whose frames are dropped.", required = false)
        String[] devAddrDeny() default {};

        @AttributeDefinition(name = "JoinEUI ranges",
                description = "Ranges such as 70b3d57ed0000000-70b3d57ed0ffffff (or single EUIs) whose join requests "
                        + "are kept; empty keeps all.", required = false)
        String[] joinEuiRanges() default {};

        @AttributeDefinition(name = "Deduplication window (ms)",
                description = "A PHYPayload seen again within this time is dropped as a duplicate; 0 turns it off.",
                min = "0", max = "60000")
        int dedupeWindowMillis() default 200;

        @AttributeDefinition(name = "Rate limit: frames per device",
                description = "Allowance (and burst) of frames per device and period; 0 turns the limit off.", min = "0")
        int rateLimitFrames() default 0;

        @AttributeDefinition(name = "Rate limit: period (s)", min = "1")
        int rateLimitPeriodSeconds() default 3600;

        @AttributeDefinition(name = "Rate limit: devices tracked",
                description = "Bounds memory; the least recently heard device is forgotten first.", min = "1")
        int rateLimitMaxDevices() default 10_000;

        @AttributeDefinition(name = "Priority rules",
                description = "'LANE condition...', first match wins, e.g. 'ALARM fport=99', "
                        + "'BULK devaddr=26012000/20 fport=200-223', 'ALARM mtype=confirmed'. "
                        + "Conditions: fport, devaddr, netid, joineui, deveui, mtype.", required = false)
        String[] priorityRules() default {};

        @AttributeDefinition(name = "Default lane", options = {
                @Option(label = "Alarm", value = "ALARM"), @Option(label = "Normal", value = "NORMAL"),
                @Option(label = "Bulk", value = "BULK")})
        String defaultLane() default "NORMAL";
    }

    /** The policy and the state that depends on its settings, swapped together on reconfiguration. */
    private record Stage(FilterPolicy policy, Deduplicator deduplicator, DeviceRateLimiter rateLimiter) {

        static Stage of(FilterPolicy policy) {
            return new Stage(policy, new Deduplicator(policy.dedupeWindow.toNanos()),
                    new DeviceRateLimiter(policy.rateLimitFrames, policy.rateLimitPeriod.toNanos(),
                            policy.rateLimitMaxDevices));
        }
    }

    private final ReadingStore store;
    private final Logger log;
    private final LongSupplier nanoTime;
    private volatile Stage stage;

    private final LongAdder framesIn = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<Priority, LongAdder> stored = new EnumMap<>(Priority.class);
    private final Map<String, LongAdder> malformed = new ConcurrentHashMap<>();
    private final LongAdder storeRefusals = new LongAdder();
    private final LongAdder configRejected = new LongAdder();

    @Activate
    public FramePipeline(Config config, @Reference ReadingStore store,
                         @Reference(service = LoggerFactory.class) Logger log) {
        this(config, store, log, System::nanoTime);
    }

    /** With an injected monotonic clock (nanoseconds), for tests and benchmarks that control time. */
    public FramePipeline(Config config, ReadingStore store, Logger log, LongSupplier nanoTime) {
        this.store = store;
        this.log = log;
        this.nanoTime = nanoTime;
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
        for (Priority priority : Priority.values()) {
            stored.put(priority, new LongAdder());
        }
        // At activation a bad configuration must fail loudly: there is no previous policy to keep.
        this.stage = Stage.of(FilterPolicy.from(config));
    }

    @Modified
    void modified(Config config) {
        try {
            stage = Stage.of(FilterPolicy.from(config));
            log.info("Filter pipeline reconfigured");
        } catch (IllegalArgumentException e) {
            configRejected.increment();
            log.error("Filter configuration refused, the previous one stays in force: {}", e.getMessage());
        }
    }

    @Override
    public CompletableFuture<Void> accept(List<ReceivedFrame> frames) {
        if (frames.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Stage current = stage;
        long now = nanoTime.getAsLong();
        CompletableFuture<Void> storedFuture = new CompletableFuture<>();
        List<ClassifiedFrame> keep = new ArrayList<>(frames.size());
        List<Deduplicator.PayloadKey> remembered = new ArrayList<>(frames.size());
        List<CompletableFuture<Void>> originals = null;
        for (ReceivedFrame frame : frames) {
            framesIn.increment();
            FilterPolicy.Verdict verdict = current.policy().classify(frame.phyPayload(), frame.radio());
            if (!verdict.passed()) {
                drop(verdict.drop(), verdict.detail());
                continue;
            }
            Deduplicator.PayloadKey key = new Deduplicator.PayloadKey(frame.phyPayload());
            CompletableFuture<Void> original = current.deduplicator().firstSeen(key, now, storedFuture);
            if (original != null) {
                drop(DropReason.DUPLICATE, null);
                if (original != storedFuture) {
                    originals = originals == null ? new ArrayList<>() : originals;
                    originals.add(original);
                }
                continue;
            }
            if (verdict.frame() != null && current.rateLimiter().enabled()
                    && !current.rateLimiter().tryAcquire(deviceKey(verdict.frame()), now)) {
                current.deduplicator().forget(key, storedFuture);
                drop(DropReason.RATE_LIMITED, null);
                continue;
            }
            remembered.add(key);
            keep.add(new ClassifiedFrame(frame, verdict.lane()));
        }
        storeSurvivors(current, keep, remembered, storedFuture);
        if (originals == null) {
            return storedFuture;
        }
        originals.add(storedFuture);
        return CompletableFuture.allOf(originals.toArray(CompletableFuture[]::new));
    }

    private void storeSurvivors(Stage current, List<ClassifiedFrame> keep, List<Deduplicator.PayloadKey> remembered,
                                CompletableFuture<Void> storedFuture) {
        if (keep.isEmpty()) {
            storedFuture.complete(null);
            return;
        }
        CompletableFuture<Void> write;
        try {
            write = store.store(keep);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete((ignored, failure) -> {
            if (failure == null) {
                for (ClassifiedFrame frame : keep) {
                    stored.get(frame.priority()).increment();
                }
                storedFuture.complete(null);
                return;
            }
            storeRefusals.increment();
            // The frames were not kept: a retransmission must not be taken for a duplicate.
            for (Deduplicator.PayloadKey key : remembered) {
                current.deduplicator().forget(key, storedFuture);
            }
            storedFuture.completeExceptionally(failure);
        });
    }

    /** Data frames are limited per DevAddr, join requests per DevEUI. */
    private static long deviceKey(PhyPayload frame) {
        if (frame.mType() == MType.JOIN_REQUEST) {
            return frame.devEui();
        }
        return frame.mType().isDataFrame() ? Integer.toUnsignedLong(frame.devAddr()) : 0;
    }

    private void drop(DropReason reason, String detail) {
        dropped.get(reason).increment();
        if (detail != null) {
            malformed.computeIfAbsent(detail, d -> new LongAdder()).increment();
        }
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("pipeline.frames.in", framesIn.sum());
        dropped.forEach((reason, count) -> metrics.put("pipeline.dropped." + reason.label(), count.sum()));
        stored.forEach((lane, count) -> metrics.put("pipeline.stored." + lane.name().toLowerCase(), count.sum()));
        malformed.forEach((detail, count) -> metrics.put("pipeline.not_lorawan." + detail, count.sum()));
        metrics.put("pipeline.store.refusals", storeRefusals.sum());
        metrics.put("pipeline.config.rejected", configRejected.sum());
        Stage current = stage;
        metrics.put("pipeline.dedupe.tracked", current.deduplicator().tracked());
        metrics.put("pipeline.ratelimit.devices", current.rateLimiter().trackedDevices());
        return metrics;
    }
}
