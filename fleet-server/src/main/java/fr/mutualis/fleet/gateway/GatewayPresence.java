package fr.mutualis.fleet.gateway;

import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.HealthReport;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Online/offline state of gateways from their birth and death messages.
 *
 * <p>Each MQTT connection of a gateway has its own session id. A birth makes its session the
 * current one; a death (clean shutdown or last will) marks the gateway offline only if it names
 * the current session, so a last will that the broker delivers after the gateway has already
 * reconnected is ignored. The latest dead session is remembered so that a duplicate birth of a
 * dead session, arriving late, cannot bring a gateway back online.
 */
@Service
public class GatewayPresence {

    private static final Logger log = LoggerFactory.getLogger(GatewayPresence.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GatewayPresence(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public void onState(GatewayState state) {
        Timestamp now = Timestamp.from(Instant.now());
        if (state.status() == GatewayState.Status.ONLINE) {
            String software = state.software() == null ? null : json.writeValueAsString(state.software());
            int changed = jdbc.sql("""
                    INSERT INTO gateway (id, commune, status, session, status_reason, status_changed_at,
                                         first_seen_at, last_seen_at, software)
                    VALUES (:id, :commune, 'ONLINE', :session, :reason, :now, :now, :now, CAST(:software AS jsonb))
                    ON CONFLICT (id) DO UPDATE SET
                        commune = EXCLUDED.commune, status = 'ONLINE', session = EXCLUDED.session,
                        status_reason = EXCLUDED.status_reason,
                        status_changed_at = CASE WHEN gateway.status = 'ONLINE' AND gateway.session = EXCLUDED.session
                                                 THEN gateway.status_changed_at ELSE EXCLUDED.status_changed_at END,
                        last_seen_at = EXCLUDED.last_seen_at, software = EXCLUDED.software
                    WHERE gateway.dead_session IS DISTINCT FROM EXCLUDED.session
                    """)
                    .param("id", state.gatewayId()).param("commune", state.commune())
                    .param("session", state.session()).param("reason", state.reason())
                    .param("now", now).param("software", software)
                    .update();
            if (changed == 0) {
                log.info("Ignored a late birth of dead session {} of {}", state.session(), state.gatewayId());
            } else {
                log.info("Gateway {} of commune {} online (session {})", state.gatewayId(), state.commune(),
                        state.session());
            }
            return;
        }
        int changed = jdbc.sql("""
                UPDATE gateway SET
                    dead_session = :session,
                    status = CASE WHEN session = :session THEN 'OFFLINE' ELSE status END,
                    status_reason = CASE WHEN session = :session THEN :reason ELSE status_reason END,
                    status_changed_at = CASE WHEN session = :session AND status = 'ONLINE'
                                             THEN :now ELSE status_changed_at END
                WHERE id = :id
                """)
                .param("id", state.gatewayId()).param("session", state.session())
                .param("reason", state.reason()).param("now", now)
                .update();
        log.info("Gateway {} reported offline ({}, session {}){}", state.gatewayId(), state.reason(), state.session(),
                changed == 0 ? " but is unknown" : "");
    }

    /** Keeps the latest health report and counts it as a sign of life. */
    @Transactional
    public void onHealth(HealthReport report, byte[] rawJson) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                UPDATE gateway SET last_health = CAST(:health AS jsonb), last_health_at = :now, last_seen_at = :now
                WHERE id = :id
                """)
                .param("id", report.gatewayId())
                .param("health", new String(rawJson, StandardCharsets.UTF_8))
                .param("now", now)
                .update();
    }
}
