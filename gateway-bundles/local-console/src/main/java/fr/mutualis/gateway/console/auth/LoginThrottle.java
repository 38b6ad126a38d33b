package fr.mutualis.gateway.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows password guessing on the console: after {@value #FREE_ATTEMPTS} failures a client
 * (by address) is locked out for 30 s, doubling with each further failure up to 15 min. A
 * success clears its record. Every failure and lock-out is counted for the health report.
 */
public final class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Bounds the memory an address-spraying client can take; the oldest records are dropped. */
    private static final int MAX_CLIENTS = 1024;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> byClient = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lockouts = new AtomicLong();
    private final AtomicLong refusedWhileLocked = new AtomicLong();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the client must still wait; zero if it may try now. */
    public synchronized Duration waitFor(String client) {
        Failures record = byClient.get(client);
        if (record == null || record.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), record.lockedUntil());
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        refusedWhileLocked.incrementAndGet();
        return left;
    }

    public synchronized void failed(String client) {
        failures.incrementAndGet();
        if (byClient.size() >= MAX_CLIENTS && !byClient.containsKey(client)) {
            byClient.remove(byClient.keySet().iterator().next());
        }
        Failures previous = byClient.getOrDefault(client, new Failures(0, null));
        int count = previous.count() + 1;
        Instant lockedUntil = null;
        if (count >= FREE_ATTEMPTS) {
            int doublings = Math.min(count - FREE_ATTEMPTS, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            lockouts.incrementAndGet();
        }
        byClient.put(client, new Failures(count, lockedUntil));
    }

    public synchronized void succeeded(String client) {
        byClient.remove(client);
    }

    public Map<String, Number> metrics() {
        return Map.of("console.login.failures", failures.get(), "console.login.lockouts", lockouts.get(),
                "console.login.refused.locked", refusedWhileLocked.get());
    }
}
