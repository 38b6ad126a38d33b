package fr.mutualis.fleet.mqtt;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.HealthReport;
import fr.mutualis.contract.Topics;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The envelopes of the contract as a gateway agent writes them, built from the contract's own records. */
public final class ContractMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> SOFTWARE = Map.of("fr.mutualis.gateway.core", "0.1.0.test",
            "fr.mutualis.gateway.uplink.mqtt", "0.1.0.test");

    private ContractMessages() {
    }

    public static String topic(String commune, String gatewayId, Channel channel) {
        return Topics.topic(commune, gatewayId, channel);
    }

    public static String birth(String gatewayId, String commune, String session) {
        return JSON.writeValueAsString(GatewayState.birth(gatewayId, commune, session, Instant.now(), SOFTWARE));
    }

    public static String death(String gatewayId, String commune, String session, String reason) {
        return JSON.writeValueAsString(GatewayState.death(gatewayId, commune, session, Instant.now(), reason));
    }

    public static String health(String gatewayId, String commune, String session, Map<String, Double> metrics) {
        return JSON.writeValueAsString(new HealthReport(HealthReport.VERSION, gatewayId, commune, session,
                Instant.now(), 60, metrics));
    }

    /**
     * Metrics of a report with the given share of free disk and store depth (all in the normal
     * lane, the oldest reading {@code oldestAgeSeconds} old).
     */
    public static Map<String, Double> metrics(double diskFreePercent, long storeDepth, double oldestAgeSeconds) {
        double total = 32e9;
        return Map.ofEntries(
                Map.entry("jvm.heap.used.bytes", 2.1e7), Map.entry("jvm.heap.max.bytes", 6.7e7),
                Map.entry("disk.data.free.bytes", total * diskFreePercent / 100), Map.entry("disk.data.total.bytes", total),
                Map.entry("concentrator.temperature", 41.5),
                Map.entry("store.lane.alarm.depth", 0.0), Map.entry("store.lane.alarm.oldest.age.seconds", 0.0),
                Map.entry("store.lane.normal.depth", (double) storeDepth),
                Map.entry("store.lane.normal.oldest.age.seconds", oldestAgeSeconds),
                Map.entry("store.lane.bulk.depth", 0.0), Map.entry("store.lane.bulk.oldest.age.seconds", 0.0),
                Map.entry("uplink.connected", 1.0), Map.entry("uplink.connects", 1.0),
                Map.entry("uplink.connection.losses", 0.0));
    }
}
