package fr.mutualis.gateway.ota;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The update agent's counters, reported through the health report as {@code ota.*}. */
final class OtaMetrics {

    final AtomicLong ordersReceived = new AtomicLong();
    final AtomicLong downloadsResumed = new AtomicLong();
    final AtomicLong downloadsRestarted = new AtomicLong();
    final AtomicLong bytesDownloaded = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong installs = new AtomicLong();
    final AtomicLong reverts = new AtomicLong();
    final AtomicLong statusSendFailures = new AtomicLong();

    Map<String, Number> snapshot() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("ota.orders.received", ordersReceived.get());
        metrics.put("ota.downloads.resumed", downloadsResumed.get());
        metrics.put("ota.downloads.restarted", downloadsRestarted.get());
        metrics.put("ota.bytes.downloaded", bytesDownloaded.get());
        metrics.put("ota.refusals", refusals.get());
        metrics.put("ota.failures", failures.get());
        metrics.put("ota.installs", installs.get());
        metrics.put("ota.reverts", reverts.get());
        metrics.put("ota.status.send.failures", statusSendFailures.get());
        return metrics;
    }
}
