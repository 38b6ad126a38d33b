package fr.mutualis.fleet.enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed enrolment attempts per client address in a sliding window: beyond the limit the address
 * is refused until the window passes, so that codes cannot be guessed at network speed. Kept in
 * memory: a restart forgiving everybody is acceptable for a 60-bit code that lives for hours.
 * Behind a reverse proxy the address is the proxy's unless Spring Boot is told to trust its
 * forwarded headers ({@code server.forward-headers-strategy}); many gateways behind one carrier
 * NAT share an address too, which is why the limit counts failures only.
 */
final class FailedAttempts {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailedAttempts(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts an attempt before it is made, atomically, so that parallel requests cannot all pass
     * the limit; {@link #succeeded} takes it back when it was not a failure.
     *
     * @return false when the address is over the limit
     */
    boolean tryAttempt(String address) {
        Deque<Instant> recent = failures.computeIfAbsent(address, key -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            if (recent.size() >= limit) {
                return false;
            }
            recent.addLast(clock.instant());
        }
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue());
                    return entry.getValue().isEmpty();
                }
            });
        }
        return true;
    }

    void succeeded(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent != null) {
            synchronized (recent) {
                recent.pollLast();
            }
        }
    }

    private void prune(Deque<Instant> recent) {
        Instant horizon = clock.instant().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
            recent.removeFirst();
        }
    }
}
