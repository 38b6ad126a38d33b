package fr.mutualis.fleet.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.mutualis.contract.Priority;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a health report that the fleet keeps over time, taken from its metrics by name
 * (see {@code docs/protocol.md}). Each is absent when the gateway did not report it.
 *
 * @param cpuPercent       {@code system.cpu.percent}, if the gateway reports it
 * @param memoryUsedBytes  {@code system.memory.used.bytes}, if reported
 * @param memoryTotalBytes {@code system.memory.total.bytes}, if reported
 * @param lanes            store-and-forward backlog per lane (alarm, normal, bulk)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthSample(Double cpuPercent, Double memoryUsedBytes, Double memoryTotalBytes, Double heapUsedBytes,
                           Double heapMaxBytes, Double diskFreeBytes, Double diskTotalBytes, Double temperatureCelsius,
                           Map<String, LaneBacklog> lanes, Boolean uplinkConnected, Long uplinkConnects,
                           Long uplinkConnectionLosses) {

    /**
     * @param depth            readings accepted and not yet acknowledged by the broker
     * @param oldestAgeSeconds age of the oldest of them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LaneBacklog(Long depth, Double oldestAgeSeconds) {
    }

    public HealthSample {
        lanes = lanes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(lanes));
    }

    public static HealthSample of(Map<String, Double> metrics) {
        Map<String, LaneBacklog> lanes = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            String lane = priority.name().toLowerCase(Locale.ROOT);
            Double depth = metrics.get("store.lane." + lane + ".depth");
            Double age = metrics.get("store.lane." + lane + ".oldest.age.seconds");
            if (depth != null || age != null) {
                lanes.put(lane, new LaneBacklog(whole(depth), age));
            }
        }
        Double connected = metrics.get("uplink.connected");
        return new HealthSample(metrics.get("system.cpu.percent"), metrics.get("system.memory.used.bytes"),
                metrics.get("system.memory.total.bytes"), metrics.get("jvm.heap.used.bytes"),
                metrics.get("jvm.heap.max.bytes"), metrics.get("disk.data.free.bytes"),
                metrics.get("disk.data.total.bytes"), metrics.get("concentrator.temperature"), lanes,
                connected == null ? null : connected >= 1, whole(metrics.get("uplink.connects")),
                whole(metrics.get("uplink.connection.losses")));
    }

    /** Readings waiting in all lanes; absent when no lane reported its depth. */
    public Long storeDepth() {
        Long total = null;
        for (LaneBacklog lane : lanes.values()) {
            if (lane.depth() != null) {
                total = (total == null ? 0 : total) + lane.depth();
            }
        }
        return total;
    }

    /** Age of the oldest waiting reading of any lane; absent when no lane reported it. */
    public Double storeOldestAgeSeconds() {
        Double oldest = null;
        for (LaneBacklog lane : lanes.values()) {
            if (lane.oldestAgeSeconds() != null && (oldest == null || lane.oldestAgeSeconds() > oldest)) {
                oldest = lane.oldestAgeSeconds();
            }
        }
        return oldest;
    }

    /** Free share of the data file system in percent; absent unless both sizes were reported. */
    public Double diskFreePercent() {
        if (diskFreeBytes == null || diskTotalBytes == null || diskTotalBytes <= 0) {
            return null;
        }
        return 100.0 * diskFreeBytes / diskTotalBytes;
    }

    LaneBacklog lane(Priority priority) {
        return lanes.get(priority.name().toLowerCase(Locale.ROOT));
    }

    private static Long whole(Double value) {
        return value == null || value.isNaN() ? null : Math.round(value);
    }
}
