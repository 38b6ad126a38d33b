package fr.mutualis.gateway.console.state;

import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the console page shows, gathered at one moment. Fields that a missing service could
 * not provide are empty (the console still works with half the agent down: that is when it is needed).
 *
 * @param gatewayId     the gateway's id, or empty if not configured
 * @param now           the gateway's clock
 * @param clockQuality  TRUSTED, UNCERTAIN or UNKNOWN; empty without the autonomy bundle
 * @param link          the backhaul and broker as the uplink's counters tell
 * @param backlog       readings waiting in the store, and the age of the oldest
 * @param readings      the last stored frames, newest first
 * @param outputs       every output channel and whether it is energised
 * @param circuits      lighting circuits with their schedule, override and applied state
 * @param checklist     installation checks the gateway can make itself
 * @param actions       the last autonomy actions, newest first
 * @param logs          the last log lines, newest first
 * @param metrics       every metric, by name
 */
public record GatewayState(String gatewayId, Instant now, String clockQuality, Link link, Backlog backlog,
                           List<RecentReadings.Reading> readings, Map<String, Boolean> outputs,
                           List<CircuitStatus> circuits, List<CheckItem> checklist, List<RecordedAction> actions,
                           List<LogLine> logs, Map<String, Number> metrics) {

    /** The backhaul: {@code known} is false when no uplink metrics are published (uplink bundle absent). */
    public record Link(boolean known, boolean connected, long connects, long connectionLosses, long connectFailures,
                       long publishFailures) {
    }

    /** Buffered readings over all lanes and the age of the oldest (zero when none). */
    public record Backlog(boolean known, long readings, long oldestAgeSeconds, long bytesOnDisk, boolean diskFull) {
    }

    /** An installation check: a message key and whether it passes; {@code known} false when it cannot be told. */
    public record CheckItem(String key, boolean passed, boolean known) {
    }

    /** One log entry. */
    public record LogLine(Instant at, String level, String bundle, String message) {
    }
}
