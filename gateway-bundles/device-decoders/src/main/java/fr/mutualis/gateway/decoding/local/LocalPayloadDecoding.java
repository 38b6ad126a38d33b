package fr.mutualis.gateway.decoding.local;

import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.StoredFrameListener;
import fr.mutualis.gateway.decoding.DecodedPayload;
import fr.mutualis.gateway.decoding.DecodedUplink;
import fr.mutualis.gateway.decoding.DecodedUplinkListener;
import fr.mutualis.gateway.decoding.DecoderRegistry;
import fr.mutualis.gateway.decoding.PayloadDecodingException;
import fr.mutualis.gateway.lorawan.FrameCounter;
import fr.mutualis.gateway.lorawan.LoRaWanCrypto;
import fr.mutualis.gateway.lorawan.MalformedFrameException;
import fr.mutualis.gateway.lorawan.PhyPayload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Decodes, on the gateway, the frames of the devices whose session keys it is given: once a frame
 * is durably stored, its MIC is checked with the NwkSKey (so a forged or corrupted frame never
 * drives an output), its FRMPayload decrypted (LoRaWAN 1.0.x) and decoded by the device class's
 * decoder, and the result handed to every {@link DecodedUplinkListener}. Work happens on one
 * thread with a bounded queue: a burst never slows ingest, and what does not fit is counted.
 *
 * <p>Only frames with a frame counter above the last one accepted are decoded (replay protection);
 * the raw frame is forwarded to the fleet regardless, so nothing here can lose data.
 */
@Component(configurationPid = LocalPayloadDecoding.PID, service = {StoredFrameListener.class, MetricsSource.class})
@Designate(ocd = LocalPayloadDecoding.Config.class)
public class LocalPayloadDecoding implements StoredFrameListener, MetricsSource {

    public static final String PID = "fr.mutualis.gateway.decoding";

    @ObjectClassDefinition(name = "Local payload decoding",
            description = "Devices decoded on the gateway so that local rules work during network cuts.")
    public @interface Config {
        @AttributeDefinition(name = "Devices",
                description = "One entry per device: devaddr:device-class:nwkskey:appskey (hex). Device classes: "
                        + "qalcosonic-w1, milesight-ws558.", required = false)
        String[] devices() default {};

        @AttributeDefinition(name = "Queue size", description = "Stored frames waiting to be decoded.", min = "16")
        int queueSize() default 1024;
    }

    private final Logger log;
    private final Map<Integer, DeviceSession> sessions = new HashMap<>();
    private final ThreadPoolExecutor worker;
    private final List<DecodedUplinkListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();

    @Activate
    public LocalPayloadDecoding(Config config, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        DecoderRegistry registry = DecoderRegistry.builtIn();
        for (String entry : config.devices()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            DeviceSession session = DeviceSession.parse(entry, registry::decoderFor);
            if (sessions.putIfAbsent(session.devAddr, session) != null) {
                throw new IllegalArgumentException("device " + session.devAddrHex + " is configured twice");
            }
        }
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.queueSize()),
                runnable -> {
                    Thread thread = new Thread(runnable, "mutualis-decoding");
                    thread.setDaemon(true);
                    return thread;
                }, (task, executor) -> overflow.incrementAndGet());
        log.info("Decoding {} device(s) locally", sessions.size());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(2, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(DecodedUplinkListener listener) {
        listeners.add(listener);
    }

    void unbindListener(DecodedUplinkListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void stored(List<ClassifiedFrame> frames) {
        if (sessions.isEmpty()) {
            return;
        }
        worker.execute(() -> frames.forEach(this::decode));
    }

    private void decode(ClassifiedFrame classified) {
        PhyPayload frame;
        try {
            frame = PhyPayload.parse(classified.frame().phyPayload());
        } catch (MalformedFrameException e) {
            return; // not LoRaWAN: not one of our devices
        }
        if (!frame.mType().isDataFrame() || !frame.mType().isUplink()) {
            return;
        }
        DeviceSession session = sessions.get(frame.devAddr());
        if (session == null) {
            return;
        }
        long fCnt = FrameCounter.extend(frame.fCnt(), Math.max(0, session.lastFCnt));
        if (!LoRaWanCrypto.verifyDataFrameMic(session.nwkSKey, frame, (int) fCnt)) {
            fail("mic-failed");
            return;
        }
        if (fCnt <= session.lastFCnt) {
            fail("replayed");
            return;
        }
        session.lastFCnt = fCnt;
        if (frame.fPort() <= 0) {
            return; // MAC commands only: nothing for the application
        }
        byte[] plaintext = LoRaWanCrypto.decryptFrmPayload(frame, (int) fCnt, session.appSKey, session.nwkSKey);
        DecodedPayload payload;
        try {
            payload = session.decoder.decode(frame.fPort(), plaintext);
        } catch (PayloadDecodingException e) {
            fail(e.reason());
            log.warn("Device {} (FCnt {}): {}", session.devAddrHex, fCnt, e.getMessage());
            return;
        }
        decoded.incrementAndGet();
        DecodedUplink uplink = new DecodedUplink(session.devAddrHex, fCnt, frame.fPort(),
                classified.frame().receivedAt(), payload);
        for (DecodedUplinkListener listener : listeners) {
            try {
                listener.decoded(uplink);
            } catch (RuntimeException e) {
                log.error("Decoded-uplink listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    private void fail(String reason) {
        failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("decoding.devices", sessions.size());
        metrics.put("decoding.decoded", decoded.get());
        metrics.put("decoding.queue.overflow", overflow.get());
        failures.forEach((reason, count) -> metrics.put("decoding.failed." + reason, count.get()));
        return metrics;
    }
}
