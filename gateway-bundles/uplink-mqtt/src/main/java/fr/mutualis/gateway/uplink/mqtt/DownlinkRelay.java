package fr.mutualis.gateway.uplink.mqtt;

import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.TxStatus;
import fr.mutualis.gateway.api.GatewayIdentity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Carries downlinks from the fleet's {@code down} channel to the concentrator and their outcome
 * back on {@code txack}. Every request that can be read ends in exactly one published
 * {@link DownlinkResult}; results that cannot be published while the link is down wait in a small
 * bounded queue and go out after the next connect (the oldest are dropped, and counted, beyond it).
 * Results are published from their own executor: neither Paho's callback thread nor the
 * packet-forwarder receiver, which complete the transmissions, may wait for a PUBACK.
 *
 * <p>A request already handled is not transmitted again: QoS 1 delivers at least once (a broker
 * resends an unacknowledged message after a reconnection) and the fleet publishes a request again
 * when the broker did not confirm it; a second transmission would waste airtime and its refusal
 * (collision with the first) would overwrite the first one's result at the fleet.
 */
final class DownlinkRelay {

    /** Publishes one result; throws when it cannot (not connected, refused). */
    interface ResultPublisher {
        void publish(DownlinkResult result) throws Exception;
    }

    private static final int MAX_UNSENT_RESULTS = 256;
    /** Far more requests than can arrive within the fleet's republication window. */
    private static final int REMEMBERED_REQUESTS = 1024;

    private final JsonCodec json;
    private final GatewayIdentity identity;
    private final Function<DownlinkRequest, CompletableFuture<DownlinkResult>> transmitter;
    private final ResultPublisher publisher;
    private final Executor publishing;
    private final Clock clock;
    private final Duration maxAge;
    private final Consumer<String> warn;
    private final Deque<DownlinkResult> unsent = new ArrayDeque<>();
    private final Set<String> handled = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    });

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong resultsPublished = new AtomicLong();
    private final AtomicLong resultsDropped = new AtomicLong();

    /**
     * @param transmitter hands a request to the packet-forwarder server; returns null when none is running
     */
    DownlinkRelay(JsonCodec json, GatewayIdentity identity,
                  Function<DownlinkRequest, CompletableFuture<DownlinkResult>> transmitter,
                  ResultPublisher publisher, Executor publishing, Clock clock, Duration maxAge,
                  Consumer<String> warn) {
        this.json = json;
        this.identity = identity;
        this.transmitter = transmitter;
        this.publisher = publisher;
        this.publishing = publishing;
        this.clock = clock;
        this.maxAge = maxAge;
        this.warn = warn;
    }

    /** Handles one message from the {@code down} channel; never throws (Paho would drop the connection). */
    void onMessage(byte[] payload) {
        received.incrementAndGet();
        DownlinkRequest request;
        try {
            request = json.decode(payload, DownlinkRequest.class);
        } catch (IOException e) {
            unreadable.incrementAndGet();
            warn.accept("Unreadable downlink request ignored: " + e.getMessage());
            return;
        }
        synchronized (handled) {
            if (!handled.add(request.id())) {
                duplicates.incrementAndGet();
                return;
            }
        }
        if (request.v() != DownlinkRequest.VERSION) {
            publish(result(request, TxStatus.INVALID, "envelope version " + request.v() + ", this agent reads "
                    + DownlinkRequest.VERSION));
            return;
        }
        Instant now = clock.instant();
        if (request.queuedAt() != null && Duration.between(request.queuedAt(), now).compareTo(maxAge) > 0) {
            // Held by the broker while the gateway was away: a stale downlink would do more harm than good.
            expired.incrementAndGet();
            publish(result(request, TxStatus.TOO_LATE, "queued at " + request.queuedAt() + ", more than "
                    + maxAge.toSeconds() + " s before it reached the gateway"));
            return;
        }
        CompletableFuture<DownlinkResult> transmission = transmitter.apply(request);
        if (transmission == null) {
            publish(result(request, TxStatus.NO_FORWARDER, "no packet-forwarder server is running on the gateway"));
            return;
        }
        transmission.whenComplete((result, failure) -> publish(failure == null ? result
                : result(request, TxStatus.NO_TX_ACK, "transmission failed: " + failure)));
    }

    /** Publishes the results kept while the link was down; called after each connect. */
    void flush() {
        publishing.execute(this::publishWaiting);
    }

    private void publishWaiting() {
        while (true) {
            DownlinkResult next;
            synchronized (unsent) {
                next = unsent.pollFirst();
            }
            if (next == null) {
                return;
            }
            if (!tryPublish(next)) {
                synchronized (unsent) {
                    unsent.addFirst(next);
                }
                return;
            }
        }
    }

    void addMetrics(Map<String, Number> metrics) {
        metrics.put("uplink.downlinks.received", received.get());
        metrics.put("uplink.downlinks.unreadable", unreadable.get());
        metrics.put("uplink.downlinks.expired", expired.get());
        metrics.put("uplink.downlinks.duplicates", duplicates.get());
        metrics.put("uplink.downlinks.results.published", resultsPublished.get());
        metrics.put("uplink.downlinks.results.dropped", resultsDropped.get());
        synchronized (unsent) {
            metrics.put("uplink.downlinks.results.waiting", unsent.size());
        }
    }

    private void publish(DownlinkResult result) {
        publishing.execute(() -> publishOrKeep(result));
    }

    private void publishOrKeep(DownlinkResult result) {
        if (tryPublish(result)) {
            return;
        }
        synchronized (unsent) {
            if (unsent.size() >= MAX_UNSENT_RESULTS) {
                unsent.pollFirst();
                resultsDropped.incrementAndGet();
            }
            unsent.addLast(result);
        }
    }

    private boolean tryPublish(DownlinkResult result) {
        try {
            publisher.publish(result);
            resultsPublished.incrementAndGet();
            return true;
        } catch (Exception e) {
            warn.accept("Downlink result " + result.id() + " not published yet: " + e.getMessage());
            return false;
        }
    }

    private DownlinkResult result(DownlinkRequest request, TxStatus status, String detail) {
        return new DownlinkResult(DownlinkResult.VERSION, request.id(), identity.gatewayId(), identity.commune(),
                status, detail, clock.instant());
    }
}
