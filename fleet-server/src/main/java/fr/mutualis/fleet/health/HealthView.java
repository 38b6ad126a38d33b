package fr.mutualis.fleet.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One health report of a gateway's history, as the API shows it.
 *
 * @param reportedAt the gateway's clock when it sent the report
 * @param receivedAt the fleet's clock when it stored it (the history's order)
 * @param software   the bundle versions announced by the birth of the report's session
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthView(long id, String gatewayId, String session, Instant reportedAt, Instant receivedAt,
                         Long uptimeSeconds, Double cpuPercent, Double memoryUsedBytes, Double memoryTotalBytes,
                         Double heapUsedBytes, Double heapMaxBytes, Double diskFreeBytes, Double diskTotalBytes,
                         Double diskFreePercent, Double temperatureCelsius, Map<String, HealthSample.LaneBacklog> store,
                         Long storeDepth, Double storeOldestAgeSeconds, Boolean uplinkConnected, Long uplinkConnects,
                         Long uplinkConnectionLosses, JsonNode software) {

    static HealthView of(long id, String gatewayId, String session, Instant reportedAt, Instant receivedAt,
                         Long uptimeSeconds, HealthSample sample, JsonNode software) {
        return new HealthView(id, gatewayId, session, reportedAt, receivedAt, uptimeSeconds, sample.cpuPercent(),
                sample.memoryUsedBytes(), sample.memoryTotalBytes(), sample.heapUsedBytes(), sample.heapMaxBytes(),
                sample.diskFreeBytes(), sample.diskTotalBytes(), sample.diskFreePercent(), sample.temperatureCelsius(),
                sample.lanes(), sample.storeDepth(), sample.storeOldestAgeSeconds(), sample.uplinkConnected(),
                sample.uplinkConnects(), sample.uplinkConnectionLosses(), software);
    }
}
