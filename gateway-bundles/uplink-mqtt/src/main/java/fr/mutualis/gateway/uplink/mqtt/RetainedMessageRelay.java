package fr.mutualis.gateway.uplink.mqtt;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands the document the fleet keeps retained on one of the gateway's channels ({@code config},
 * {@code update}) to the whiteboard listeners of that channel. The latest document is kept, so
 * that a listener that registers after the broker delivered the retained message (an agent
 * starting after the uplink connected) still gets it. An empty message is the fleet clearing the
 * retained document: listeners are told "nothing" ({@link Optional#empty()}).
 *
 * @param <T> the document's type
 * @param <L> the listeners' type
 */
final class RetainedMessageRelay<T, L> {

    private final String channel;
    private final Class<T> type;
    private final JsonCodec json;
    private final BiConsumer<L, Optional<T>> delivery;
    private final Consumer<String> warn;
    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private Optional<T> latest;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();

    RetainedMessageRelay(String channel, Class<T> type, JsonCodec json, BiConsumer<L, Optional<T>> delivery,
                         Consumer<String> warn) {
        this.channel = channel;
        this.type = type;
        this.json = json;
        this.delivery = delivery;
        this.warn = warn;
    }

    /**
     * Handles one message from the channel; never throws (Paho would drop the connection).
     * Synchronised with {@link #add}: a listener registering meanwhile gets the documents in order,
     * never an older one after a newer one (a withdrawn update order must stay withdrawn).
     */
    synchronized void onMessage(byte[] payload) {
        Optional<T> document;
        if (payload.length == 0) {
            document = Optional.empty();
        } else {
            received.incrementAndGet();
            try {
                document = Optional.of(json.decode(payload, type));
            } catch (IOException e) {
                unreadable.incrementAndGet();
                warn.accept("Unreadable " + type.getSimpleName() + " on " + channel + " ignored: " + e.getMessage());
                return;
            }
        }
        latest = document;
        for (L listener : listeners) {
            deliver(listener, document);
        }
    }

    synchronized void add(L listener) {
        listeners.add(listener);
        Optional<T> known = latest;
        if (known != null) {
            deliver(listener, known);
        }
    }

    void remove(L listener) {
        listeners.remove(listener);
    }

    private void deliver(L listener, Optional<T> document) {
        try {
            delivery.accept(listener, document);
        } catch (RuntimeException e) {
            warn.accept(type.getSimpleName() + " listener failed: " + e);
        }
    }

    void addMetrics(Map<String, Number> metrics) {
        metrics.put("uplink." + channel + ".received", received.get());
        metrics.put("uplink." + channel + ".unreadable", unreadable.get());
    }
}
