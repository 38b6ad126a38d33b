package fr.mutualis.gateway.pipeline;

import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.ReadingStore;
import fr.mutualis.gateway.api.ReceivedFrame;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.osgi.service.log.Logger;

/** Frames, configurations and a store stand-in for pipeline tests. */
final class PipelineTestSupport {

    private PipelineTestSupport() {
    }

    /** A configuration with the annotation's defaults except for {@code overrides} (method name to value). */
    static FramePipeline.Config config(Map<String, Object> overrides) {
        return (FramePipeline.Config) Proxy.newProxyInstance(FramePipeline.Config.class.getClassLoader(),
                new Class<?>[] {FramePipeline.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return FramePipeline.Config.class;
                    }
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return fallback;
                });
    }

    /** A logger that remembers what it was told, for assertions. */
    static Logger logger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (method.getReturnType() == String.class) {
                        return "test";
                    }
                    if (args != null && args.length > 0) {
                        lines.add(method.getName() + ": " + args[0] + (args.length > 1 ? " " + args[1] : ""));
                    }
                    return null;
                });
    }

    static byte[] dataUp(int mhdr, int devAddr, int fCnt, int fPort, int payloadLength) {
        byte[] frame = new byte[1 + 7 + 1 + payloadLength + 4];
        frame[0] = (byte) mhdr;
        frame[1] = (byte) devAddr;
        frame[2] = (byte) (devAddr >> 8);
        frame[3] = (byte) (devAddr >> 16);
        frame[4] = (byte) (devAddr >> 24);
        frame[5] = 0;
        frame[6] = (byte) fCnt;
        frame[7] = (byte) (fCnt >> 8);
        frame[8] = (byte) fPort;
        for (int i = 9; i < frame.length; i++) {
            frame[i] = (byte) (i * 31 + fCnt);
        }
        return frame;
    }

    static byte[] unconfirmedUp(int devAddr, int fCnt, int fPort) {
        return dataUp(0x40, devAddr, fCnt, fPort, 8);
    }

    static byte[] joinRequest(long joinEui, long devEui, int devNonce) {
        byte[] frame = new byte[23];
        frame[0] = 0x00;
        for (int i = 0; i < 8; i++) {
            frame[1 + i] = (byte) (joinEui >>> (8 * i));   // little-endian on the air
            frame[9 + i] = (byte) (devEui >>> (8 * i));
        }
        frame[17] = (byte) devNonce;
        frame[18] = (byte) (devNonce >> 8);
        return frame;
    }

    static ReceivedFrame received(byte[] phy, Integer crcStatus) {
        return new ReceivedFrame(Instant.parse("2026-11-22T10:00:00Z"), phy,
                new RadioMetadata(868_100_000L, "LORA", "SF7BW125", "4/5", -60, 7.0, 0, 0, 1L, crcStatus, null));
    }

    static ReceivedFrame received(byte[] phy) {
        return received(phy, 1);
    }

    /** Stands in for the journal: records what it is asked to store; completes now, or when told to. */
    static final class RecordingStore implements ReadingStore {
        final List<ClassifiedFrame> stored = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        boolean completeImmediately = true;

        @Override
        public synchronized CompletableFuture<Void> store(List<ClassifiedFrame> frames) {
            stored.addAll(frames);
            if (completeImmediately) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }
    }
}
