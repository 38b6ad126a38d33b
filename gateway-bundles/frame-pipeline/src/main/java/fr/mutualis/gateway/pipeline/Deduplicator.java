package fr.mutualis.gateway.pipeline;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers the PHYPayloads seen within a short window, so that a frame the concentrator
 * demodulated twice (two IF channels, two antennas) or a PUSH_DATA the forwarder sent again is
 * kept once. A duplicate is only as safe as its original: {@link #firstSeen} returns the original's
 * storage future, which the caller must wait for before acknowledging the duplicate, and
 * {@link #forget} undoes an entry whose original could not be stored, so that a retry is not
 * mistaken for a duplicate of a frame that was never kept.
 */
final class Deduplicator {

    /** A PHYPayload as a map key: content equality with a precomputed hash. */
    static final class PayloadKey {
        private final byte[] bytes;
        private final int hash;

        PayloadKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PayloadKey that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(long expiresAtNanos, CompletableFuture<Void> stored) {
    }

    private record Expiry(PayloadKey key, Entry entry) {
    }

    private final long windowNanos;
    private final Map<PayloadKey, Entry> recent = new HashMap<>();
    private final ArrayDeque<Expiry> byAge = new ArrayDeque<>();

    Deduplicator(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /**
     * Records {@code key} as seen now, its storage tracked by {@code stored}, and returns null;
     * or, when it was already seen within the window, returns the original's storage future.
     */
    synchronized CompletableFuture<Void> firstSeen(PayloadKey key, long nowNanos, CompletableFuture<Void> stored) {
        expire(nowNanos);
        if (windowNanos == 0) {
            return null;
        }
        Entry existing = recent.get(key);
        if (existing != null) {
            return existing.stored();
        }
        Entry entry = new Entry(nowNanos + windowNanos, stored);
        recent.put(key, entry);
        byAge.addLast(new Expiry(key, entry));
        return null;
    }

    /** Removes the entry for {@code key} if it is still the one tracking {@code stored}. */
    synchronized void forget(PayloadKey key, CompletableFuture<Void> stored) {
        Entry entry = recent.get(key);
        if (entry != null && entry.stored() == stored) {
            recent.remove(key);
        }
    }

    synchronized int tracked() {
        return recent.size();
    }

    private void expire(long nowNanos) {
        while (!byAge.isEmpty() && byAge.peekFirst().entry().expiresAtNanos() - nowNanos <= 0) {
            Expiry oldest = byAge.pollFirst();
            recent.remove(oldest.key(), oldest.entry());
        }
    }
}
