package fr.mutualis.fleet.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How far behind its gateways the fleet's message handling is: the median, over the latest
 * messages handled that say when they were written (health reports, births, clean shutdowns), of
 * the time between a message's creation (the gateway's clock) and its handling.
 *
 * <p>Messages wait at the broker while the fleet works through a burst (a reconnect storm, a
 * restart). A gateway whose report is among them is not silent, so the stale sweep widens its
 * window by this delay. The median keeps a few gateways with wrong clocks from moving it; the
 * caller bounds it.
 */
final class HandlingDelay {

    private static final int SAMPLES = 63;

    private final long[] delayMillis = new long[SAMPLES];
    private final long[] handledAtMillis = new long[SAMPLES];
    private int next;
    private int count;

    synchronized void record(Instant sentAt, Instant handledAt) {
        delayMillis[next] = handledAt.toEpochMilli() - sentAt.toEpochMilli();
        handledAtMillis[next] = handledAt.toEpochMilli();
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
    }

    /**
     * The median delay of the messages handled within {@code recent} before {@code now}; zero when
     * there are none (nothing is waiting) or when the clocks put the messages in the future.
     */
    synchronized Duration estimate(Instant now, Duration recent) {
        long since = now.toEpochMilli() - recent.toMillis();
        long[] window = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (handledAtMillis[i] >= since) {
                window[n++] = delayMillis[i];
            }
        }
        if (n == 0) {
            return Duration.ZERO;
        }
        Arrays.sort(window, 0, n);
        return Duration.ofMillis(Math.max(0, window[n / 2]));
    }
}
