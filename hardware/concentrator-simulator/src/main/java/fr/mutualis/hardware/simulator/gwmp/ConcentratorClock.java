package fr.mutualis.hardware.simulator.gwmp;

/**
 * The SX130x's free-running 32-bit microsecond counter ({@code tmst}), simulated.
 *
 * <p>It runs at real speed from a chosen start value. Because a traffic mix stamps its frames
 * with pre-computed {@code tmst} values and may be sent faster than its virtual timeline, the
 * clock can be pushed forward with {@link #observe(long)}: a frame reported as received at
 * {@code tmst} proves the counter has reached it. Downlink scheduling checks (too late, too
 * early) compare against {@link #now()}. Thread-safe.
 */
public final class ConcentratorClock {

    private static final long MASK = 0xFFFF_FFFFL;

    private long base;
    private long baseNanos;
    private boolean synchronised;

    /** A clock that takes the value of the first timestamp it observes (until then it runs from 0). */
    public ConcentratorClock() {
        this.baseNanos = System.nanoTime();
    }

    /** A clock already running from {@code counterAtStart}. */
    public ConcentratorClock(long counterAtStart) {
        this.base = counterAtStart & MASK;
        this.baseNanos = System.nanoTime();
        this.synchronised = true;
    }

    /** The counter now, in microseconds modulo 2^32. */
    public synchronized long now() {
        return (base + (System.nanoTime() - baseNanos) / 1_000) & MASK;
    }

    /**
     * Advances the counter to {@code tmst} if it is ahead of {@link #now()} (modulo 2^32); the
     * first observation sets the counter, since frames may come from a generator with its own origin.
     */
    public synchronized void observe(long tmst) {
        if (!synchronised || ahead(tmst, now()) > 0) {
            synchronised = true;
            base = tmst & MASK;
            baseNanos = System.nanoTime();
        }
    }

    /** Signed distance from {@code from} to {@code to} on the wrapping 32-bit counter, in microseconds. */
    public static long ahead(long to, long from) {
        return (int) ((to - from) & MASK);
    }
}
