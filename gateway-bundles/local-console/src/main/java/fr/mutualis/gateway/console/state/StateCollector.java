package fr.mutualis.gateway.console.state;

import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import fr.mutualis.hardware.io.DigitalOutputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Gathers the page's {@link GatewayState} from whatever services are present. Each service is
 * optional and each read is guarded: one failing component must not take the console down.
 */
public final class StateCollector {

    /** The services the console reads; any may be null or empty. */
    public record Sources(Supplier<GatewayIdentity> identity, Supplier<Collection<MetricsSource>> metrics,
                         Supplier<LightingControl> lighting, Supplier<DigitalOutputs> outputs,
                         Supplier<ActionLog> actions, Supplier<GatewayClock> clock, RecentReadings readings,
                         Supplier<List<GatewayState.LogLine>> logs) {
    }

    private final Sources sources;

    public StateCollector(Sources sources) {
        this.sources = sources;
    }

    public GatewayState collect() {
        GatewayClock clock = sources.clock().get();
        Instant now = clock != null ? clock.now() : Instant.now();
        String quality = clock != null ? clock.quality().kind().name() : "";
        Map<String, Number> metrics = metrics();
        GatewayState.Link link = link(metrics);
        GatewayState.Backlog backlog = backlog(metrics);
        Map<String, Boolean> outputs = outputs();
        List<CircuitStatus> circuits = circuits();
        GatewayIdentity identity = sources.identity().get();
        String gatewayId = "";
        if (identity != null) {
            try {
                gatewayId = identity.gatewayId();
            } catch (RuntimeException e) {
                gatewayId = "";
            }
        }
        List<RecentReadings.Reading> readings = sources.readings().list();
        List<GatewayState.CheckItem> checklist = List.of(
                new GatewayState.CheckItem("check.identity", !gatewayId.isEmpty(), true),
                new GatewayState.CheckItem("check.concentrator", number(metrics, "ingest.gwmp.push_data") > 0,
                        metrics.containsKey("ingest.gwmp.push_data")),
                new GatewayState.CheckItem("check.readings", !readings.isEmpty()
                        || number(metrics, "store.appended") > 0, true),
                new GatewayState.CheckItem("check.fleet", link.connected(), link.known()),
                new GatewayState.CheckItem("check.clock", quality.equals("TRUSTED"), !quality.isEmpty()),
                new GatewayState.CheckItem("check.outputs", !outputs.isEmpty(), sources.outputs().get() != null),
                new GatewayState.CheckItem("check.disk", !backlog.diskFull(), backlog.known()));
        return new GatewayState(gatewayId, now, quality, link, backlog, readings, outputs, circuits, checklist,
                actions(), logs(), metrics);
    }

    private Map<String, Number> metrics() {
        Map<String, Number> all = new TreeMap<>();
        Collection<MetricsSource> metricSources = sources.metrics().get();
        for (MetricsSource source : metricSources == null ? List.<MetricsSource>of() : metricSources) {
            try {
                all.putAll(source.metrics());
            } catch (RuntimeException e) {
                all.put("console.metrics.errors", number(all, "console.metrics.errors") + 1);
            }
        }
        return all;
    }

    private static GatewayState.Link link(Map<String, Number> metrics) {
        return new GatewayState.Link(metrics.containsKey("uplink.connected"), number(metrics, "uplink.connected") == 1,
                number(metrics, "uplink.connects"), number(metrics, "uplink.connection.losses"),
                number(metrics, "uplink.connect.failures"), number(metrics, "store.publish.failures"));
    }

    private static GatewayState.Backlog backlog(Map<String, Number> metrics) {
        long depth = 0;
        long oldest = 0;
        boolean known = false;
        for (Map.Entry<String, Number> metric : metrics.entrySet()) {
            String name = metric.getKey();
            if (name.startsWith("store.lane.") && name.endsWith(".depth")) {
                depth += metric.getValue().longValue();
                known = true;
            } else if (name.startsWith("store.lane.") && name.endsWith(".oldest.age.seconds")) {
                oldest = Math.max(oldest, metric.getValue().longValue());
            }
        }
        return new GatewayState.Backlog(known, depth, depth == 0 ? 0 : oldest, number(metrics, "store.bytes.disk"),
                number(metrics, "store.disk.full") == 1);
    }

    private Map<String, Boolean> outputs() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        DigitalOutputs outputs = sources.outputs().get();
        if (outputs != null) {
            try {
                for (String channel : outputs.channels()) {
                    states.put(channel, outputs.isActive(channel));
                }
            } catch (RuntimeException e) {
                // the outputs are being reconfigured: show what was read
            }
        }
        return states;
    }

    private List<CircuitStatus> circuits() {
        LightingControl lighting = sources.lighting().get();
        try {
            return lighting == null ? List.of() : lighting.circuits();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<RecordedAction> actions() {
        ActionLog log = sources.actions().get();
        try {
            return log == null ? List.of() : log.recent(15);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<GatewayState.LogLine> logs() {
        try {
            List<GatewayState.LogLine> lines = sources.logs().get();
            return lines == null ? List.of() : new ArrayList<>(lines);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static long number(Map<String, Number> metrics, String name) {
        Number value = metrics.get(name);
        return value == null ? 0 : value.longValue();
    }
}
