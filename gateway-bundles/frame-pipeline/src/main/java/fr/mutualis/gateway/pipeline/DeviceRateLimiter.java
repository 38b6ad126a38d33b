package fr.mutualis.gateway.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per device: {@code frames} per {@code period}, refilled continuously, with a
 * burst of {@code frames}. It protects the backhaul and the journal from a device stuck in a
 * transmit loop. The number of devices tracked is bounded (least recently heard forgotten first)
 * so that a flood of random DevAddrs cannot exhaust the heap.
 */
final class DeviceRateLimiter {

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.refilledAtNanos = nowNanos;
        }
    }

    private final int frames;
    private final double tokensPerNano;
    private final LinkedHashMap<Long, Bucket> buckets;

    DeviceRateLimiter(int frames, long periodNanos, int maxDevices) {
        this.frames = frames;
        this.tokensPerNano = frames / (double) periodNanos;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Bucket> eldest) {
                return size() > maxDevices;
            }
        };
    }

    boolean enabled() {
        return frames > 0;
    }

    /** Takes one frame from the device's allowance; false when it has none left. */
    synchronized boolean tryAcquire(long deviceKey, long nowNanos) {
        if (frames == 0) {
            return true;
        }
        Bucket bucket = buckets.get(deviceKey);
        if (bucket == null) {
            bucket = new Bucket(frames, nowNanos);
            buckets.put(deviceKey, bucket);
        } else {
            long elapsed = Math.max(0, nowNanos - bucket.refilledAtNanos);
            bucket.tokens = Math.min(frames, bucket.tokens + elapsed * tokensPerNano);
            bucket.refilledAtNanos = nowNanos;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return true;
        }
        return false;
    }

    synchronized int trackedDevices() {
        return buckets.size();
    }
}
