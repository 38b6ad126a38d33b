package fr.mutualis.gateway.uplink.mqtt;

import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.gateway.api.DesiredConfigurationListener;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands the desired configuration received on the gateway's {@code config} channel to the
 * {@link DesiredConfigurationListener}s. The latest document is kept, so that a listener that
 * registers after the broker delivered the retained message (the configuration agent starting
 * after the uplink connected) still gets it.
 */
final class DesiredConfigurationRelay {

    private final JsonCodec json;
    private final Consumer<String> warn;
    private final List<DesiredConfigurationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DesiredConfiguration latest;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();

    DesiredConfigurationRelay(JsonCodec json, Consumer<String> warn) {
        this.json = json;
        this.warn = warn;
    }

    /** Handles one message from the {@code config} channel; never throws (Paho would drop the connection). */
    void onMessage(byte[] payload) {
        if (payload.length == 0) {
            return; // the fleet cleared the retained message: nothing desired any more, nothing to do
        }
        received.incrementAndGet();
        DesiredConfiguration desired;
        try {
            desired = json.decode(payload, DesiredConfiguration.class);
        } catch (IOException e) {
            unreadable.incrementAndGet();
            warn.accept("Unreadable desired configuration ignored: " + e.getMessage());
            return;
        }
        latest = desired;
        for (DesiredConfigurationListener listener : listeners) {
            deliver(listener, desired);
        }
    }

    void add(DesiredConfigurationListener listener) {
        listeners.add(listener);
        DesiredConfiguration known = latest;
        if (known != null) {
            deliver(listener, known);
        }
    }

    void remove(DesiredConfigurationListener listener) {
        listeners.remove(listener);
    }

    private void deliver(DesiredConfigurationListener listener, DesiredConfiguration desired) {
        try {
            listener.desiredConfigurationReceived(desired);
        } catch (RuntimeException e) {
            warn.accept("Desired configuration listener failed: " + e);
        }
    }

    void addMetrics(Map<String, Number> metrics) {
        metrics.put("uplink.config.received", received.get());
        metrics.put("uplink.config.unreadable", unreadable.get());
    }
}
