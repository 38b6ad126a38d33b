package fr.mutualis.fleet.health;

import fr.mutualis.contract.Priority;
import fr.mutualis.fleet.database.BatchedDelete;
import fr.mutualis.fleet.gateway.HistoryWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Every health report of every gateway, reduced to a {@link HealthSample}, for the retention period. */
@Repository
public class HealthHistory {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    HealthHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(String gatewayId, String session, Instant reportedAt, Instant receivedAt, long uptimeSeconds,
                HealthSample sample) {
        HealthSample.LaneBacklog alarm = lane(sample, Priority.ALARM);
        HealthSample.LaneBacklog normal = lane(sample, Priority.NORMAL);
        HealthSample.LaneBacklog bulk = lane(sample, Priority.BULK);
        jdbc.sql("""
                INSERT INTO health_report (gateway_id, session, reported_at, received_at, uptime_seconds, cpu_percent,
                    memory_used_bytes, memory_total_bytes, heap_used_bytes, heap_max_bytes, disk_free_bytes,
                    disk_total_bytes, temperature_celsius, alarm_depth, alarm_oldest_age_seconds, normal_depth,
                    normal_oldest_age_seconds, bulk_depth, bulk_oldest_age_seconds, uplink_connected, uplink_connects,
                    uplink_connection_losses)
                VALUES (:gateway, :session, :reportedAt, :receivedAt, :uptime, :cpu, :memoryUsed, :memoryTotal,
                    :heapUsed, :heapMax, :diskFree, :diskTotal, :temperature, :alarmDepth, :alarmAge, :normalDepth,
                    :normalAge, :bulkDepth, :bulkAge, :connected, :connects, :losses)
                """)
                .param("gateway", gatewayId).param("session", session)
                .param("reportedAt", reportedAt == null ? null : Timestamp.from(reportedAt))
                .param("receivedAt", Timestamp.from(receivedAt)).param("uptime", uptimeSeconds)
                .param("cpu", sample.cpuPercent()).param("memoryUsed", sample.memoryUsedBytes())
                .param("memoryTotal", sample.memoryTotalBytes()).param("heapUsed", sample.heapUsedBytes())
                .param("heapMax", sample.heapMaxBytes()).param("diskFree", sample.diskFreeBytes())
                .param("diskTotal", sample.diskTotalBytes()).param("temperature", sample.temperatureCelsius())
                .param("alarmDepth", alarm.depth()).param("alarmAge", alarm.oldestAgeSeconds())
                .param("normalDepth", normal.depth()).param("normalAge", normal.oldestAgeSeconds())
                .param("bulkDepth", bulk.depth()).param("bulkAge", bulk.oldestAgeSeconds())
                .param("connected", sample.uplinkConnected()).param("connects", sample.uplinkConnects())
                .param("losses", sample.uplinkConnectionLosses())
                .update();
    }

    /**
     * The total store depth of the gateway's latest {@code count} reports, newest first; a report
     * without store figures gives null (which breaks any trend).
     */
    public List<Long> recentStoreDepths(String gatewayId, int count) {
        return jdbc.sql("""
                SELECT CASE WHEN alarm_depth IS NULL AND normal_depth IS NULL AND bulk_depth IS NULL THEN NULL
                            ELSE coalesce(alarm_depth, 0) + coalesce(normal_depth, 0) + coalesce(bulk_depth, 0) END
                FROM health_report WHERE gateway_id = :id ORDER BY received_at DESC, id DESC LIMIT :count
                """)
                .param("id", gatewayId).param("count", count)
                .query((rs, row) -> (Long) rs.getObject(1, Long.class))
                .list();
    }

    /** A page of one gateway's reports, newest first, with the software of each report's session. */
    public List<HealthView> page(String gatewayId, HistoryWindow window) {
        return jdbc.sql("""
                SELECT h.*, s.software::text AS session_software
                FROM health_report h
                LEFT JOIN gateway_session s ON s.gateway_id = h.gateway_id AND s.session = h.session
                WHERE h.gateway_id = :id AND h.received_at >= :from AND h.received_at < :to
                ORDER BY h.received_at DESC, h.id DESC LIMIT :limit
                """)
                .param("id", gatewayId).param("from", Timestamp.from(window.from()))
                .param("to", Timestamp.from(window.to())).param("limit", window.limit())
                .query((rs, row) -> view(rs))
                .list();
    }

    /**
     * Deletes reports received before {@code cutoff}, in batches.
     *
     * @return reports deleted
     */
    public long purgeBefore(Instant cutoff) {
        return BatchedDelete.untilDone(jdbc, """
                DELETE FROM health_report WHERE id IN (
                    SELECT id FROM health_report WHERE received_at < :cutoff ORDER BY received_at LIMIT :batch)
                """, cutoff);
    }

    private HealthView view(ResultSet rs) throws SQLException {
        Map<String, HealthSample.LaneBacklog> lanes = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            String lane = priority.name().toLowerCase(Locale.ROOT);
            Long depth = rs.getObject(lane + "_depth", Long.class);
            Double age = rs.getObject(lane + "_oldest_age_seconds", Double.class);
            if (depth != null || age != null) {
                lanes.put(lane, new HealthSample.LaneBacklog(depth, age));
            }
        }
        HealthSample sample = new HealthSample(rs.getObject("cpu_percent", Double.class),
                rs.getObject("memory_used_bytes", Double.class), rs.getObject("memory_total_bytes", Double.class),
                rs.getObject("heap_used_bytes", Double.class), rs.getObject("heap_max_bytes", Double.class),
                rs.getObject("disk_free_bytes", Double.class), rs.getObject("disk_total_bytes", Double.class),
                rs.getObject("temperature_celsius", Double.class), lanes,
                rs.getObject("uplink_connected", Boolean.class), rs.getObject("uplink_connects", Long.class),
                rs.getObject("uplink_connection_losses", Long.class));
        String software = rs.getString("session_software");
        return HealthView.of(rs.getLong("id"), rs.getString("gateway_id"), rs.getString("session"),
                instant(rs, "reported_at"), instant(rs, "received_at"), rs.getObject("uptime_seconds", Long.class),
                sample, software == null ? null : json.readTree(software));
    }

    private static HealthSample.LaneBacklog lane(HealthSample sample, Priority priority) {
        HealthSample.LaneBacklog lane = sample.lane(priority);
        return lane == null ? new HealthSample.LaneBacklog(null, null) : lane;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
