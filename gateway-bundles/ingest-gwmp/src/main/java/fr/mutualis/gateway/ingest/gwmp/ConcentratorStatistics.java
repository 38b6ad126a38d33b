package fr.mutualis.gateway.ingest.gwmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The packet forwarder's own view of the radio, from the {@code stat} objects it sends every
 * stat interval (30 s by default): per-interval counters are summed since start so that the
 * health report carries monotonic totals; position and temperature are the latest values.
 */
final class ConcentratorStatistics {

    /** Per-interval counters of a {@code stat} object: packets received, with CRC OK, forwarded, downlinks received and emitted. */
    private static final String[] COUNTERS = {"rxnb", "rxok", "rxfw", "dwnb", "txnb"};

    private final long[] totals = new long[COUNTERS.length];
    private long reports;
    private long lastReportNanos;
    private Double upstreamAckRatio;
    private Double latitude;
    private Double longitude;
    private Double altitude;
    private Double temperature;

    synchronized void record(JsonNode stat, long nowNanos) {
        reports++;
        lastReportNanos = nowNanos;
        for (int i = 0; i < COUNTERS.length; i++) {
            Long value = JsonNumbers.asLong(stat.path(COUNTERS[i]));
            if (value != null && value >= 0) {
                totals[i] += value;
            }
        }
        upstreamAckRatio = JsonNumbers.asDouble(stat.path("ackr"));
        latitude = JsonNumbers.asDouble(stat.path("lati"));
        longitude = JsonNumbers.asDouble(stat.path("long"));
        altitude = JsonNumbers.asDouble(stat.path("alti"));
        temperature = JsonNumbers.asDouble(stat.path("temp"));
    }

    synchronized void addTo(Map<String, Number> metrics, long nowNanos) {
        metrics.put("concentrator.stat.reports", reports);
        if (reports == 0) {
            return;
        }
        metrics.put("concentrator.stat.age.seconds", (nowNanos - lastReportNanos) / 1_000_000_000L);
        for (int i = 0; i < COUNTERS.length; i++) {
            metrics.put("concentrator." + COUNTERS[i], totals[i]);
        }
        putIfPresent(metrics, "concentrator.ackr.percent", upstreamAckRatio);
        putIfPresent(metrics, "concentrator.gps.latitude", latitude);
        putIfPresent(metrics, "concentrator.gps.longitude", longitude);
        putIfPresent(metrics, "concentrator.gps.altitude", altitude);
        putIfPresent(metrics, "concentrator.temperature", temperature);
    }

    private static void putIfPresent(Map<String, Number> metrics, String name, Double value) {
        if (value != null) {
            metrics.put(name, value);
        }
    }
}
