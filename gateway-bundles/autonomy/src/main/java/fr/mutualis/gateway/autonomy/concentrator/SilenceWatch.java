package fr.mutualis.gateway.autonomy.concentrator;

import java.time.Duration;

/**
 * Decides when a silent packet forwarder deserves a concentrator reset. A forwarder sends a
 * keep-alive (PULL_DATA) every few seconds, so a counter that stops moving for {@code silence}
 * means the radio or the forwarder is stuck. After a reset the forwarder gets the same time to come
 * back; after {@code maxQuickResets} resets in a row without it, resets are spaced by
 * {@code slowInterval}, so that a concentrator that is really dead is not hammered. A forwarder
 * never heard since the agent started (none installed, or stopped on purpose) is left alone.
 */
public final class SilenceWatch {

    private final Duration silence;
    private final int maxQuickResets;
    private final Duration slowInterval;
    private long lastCount = -1;
    private boolean heard;
    private long quietSinceNanos;
    private long lastResetNanos;
    private int resetsInARow;

    public SilenceWatch(Duration silence, int maxQuickResets, Duration slowInterval) {
        this.silence = silence;
        this.maxQuickResets = maxQuickResets;
        this.slowInterval = slowInterval;
    }

    /**
     * Looks at the forwarder's traffic counter at {@code nowNanos} (monotonic); returns true when
     * the concentrator should be reset now (the caller then does it and calls {@link #resetDone}).
     */
    public boolean shouldReset(long trafficCount, long nowNanos) {
        if (trafficCount != lastCount) {
            if (lastCount >= 0 && trafficCount > lastCount) {
                resetsInARow = 0; // it talks again
                heard = true;
            }
            lastCount = trafficCount;
            quietSinceNanos = nowNanos;
            return false;
        }
        if (!heard) {
            return false; // never heard since start: no forwarder installed, or stopped on purpose
        }
        long quietFor = nowNanos - Math.max(quietSinceNanos, lastResetNanos);
        Duration wait = resetsInARow >= maxQuickResets ? slowInterval : silence;
        return quietFor >= wait.toNanos();
    }

    public void resetDone(long nowNanos) {
        lastResetNanos = nowNanos;
        resetsInARow++;
    }

    public int resetsInARow() {
        return resetsInARow;
    }

    /** How long the forwarder has been silent at {@code nowNanos}. */
    public Duration silentFor(long nowNanos) {
        return Duration.ofNanos(nowNanos - quietSinceNanos);
    }
}
