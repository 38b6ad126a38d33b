package fr.mutualis.fleet.gateway;

import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.HealthReport;
import fr.mutualis.fleet.gateway.PresenceRules.Change;
import fr.mutualis.fleet.gateway.PresenceRules.Decision;
import fr.mutualis.fleet.gateway.PresenceRules.Ignore;
import fr.mutualis.fleet.gateway.PresenceRules.SessionKnowledge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import fr.mutualis.fleet.pki.GatewayRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * ONLINE / STALE / OFFLINE state of gateways from their birth and death messages and their signs
 * of life, with the history of every change.
 *
 * <p>Each MQTT connection of a gateway has its own session id. A birth of a session never seen
 * before makes it the current one (and ends the previous one); a death (clean shutdown or last
 * will) marks the gateway offline only if it names the current session, so a last will that the
 * broker delivers after the gateway has already reconnected is ignored. Every session heard of is
 * remembered, so a duplicate or late birth cannot bring a gateway back (see {@link PresenceRules}).
 * An online gateway from which nothing arrives for {@link PresenceProperties#staleAfter()} becomes
 * STALE, and the next message of its connection makes it ONLINE again.
 *
 * <p>Every change locks the gateway's row first ({@code FOR NO KEY UPDATE}, which does not block
 * the inserts of rows referring to it), so the message thread and the stale sweep serialise per
 * gateway and cannot deadlock.
 */
@Service
public class GatewayPresence {

    private static final Logger log = LoggerFactory.getLogger(GatewayPresence.class);
    private static final String NO_BIRTH_YET = "no birth seen yet";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PresenceProperties properties;
    private final MeterRegistry meters;
    private final HandlingDelay handlingDelay = new HandlingDelay();
    /** Since when the fleet's own subscription is up; null while it is down. */
    private volatile Instant fleetLinkUpSince;

    GatewayPresence(JdbcClient jdbc, JsonMapper json, PresenceProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
    }

    private record Current(String status, String session) {
    }

    @Transactional
    public void onState(GatewayState state) {
        Instant now = Instant.now();
        // A last will carries the time its connection opened, not the time it was sent.
        if (state.at() != null && !GatewayState.REASON_CONNECTION_LOST.equals(state.reason())) {
            handlingDelay.record(state.at(), now);
        }
        if (state.status() == GatewayState.Status.ONLINE) {
            onBirth(state, now);
        } else {
            onDeath(state, now);
        }
    }

    private void onBirth(GatewayState state, Instant now) {
        boolean created = jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at)
                VALUES (:id, :commune, 'OFFLINE', :reason, :now, :now, :now)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", state.gatewayId()).param("commune", state.commune()).param("reason", NO_BIRTH_YET)
                .param("now", Timestamp.from(now))
                .update() == 1;
        // The gateway's row, locked, and what is known of the birth's session, in one round trip:
        // a reconnect storm is thousands of these.
        record Known(Current current, SessionKnowledge knowledge) {
        }
        Known known = jdbc.sql("""
                SELECT g.status, g.session, s.session IS NOT NULL AS known, s.ended_at IS NOT NULL AS ended
                FROM gateway g LEFT JOIN gateway_session s ON s.gateway_id = g.id AND s.session = :session
                WHERE g.id = :id FOR NO KEY UPDATE OF g
                """)
                .param("id", state.gatewayId()).param("session", state.session())
                .query((rs, row) -> new Known(new Current(rs.getString("status"), rs.getString("session")),
                        !rs.getBoolean("known") ? SessionKnowledge.UNKNOWN
                                : rs.getBoolean("ended") ? SessionKnowledge.ENDED : SessionKnowledge.OPEN))
                .single();
        Decision decision = PresenceRules.onBirth(known.current().session(), state.session(), known.knowledge());
        if (!(decision instanceof Change change)) {
            ignored(decision, state);
            return;
        }
        String software = state.software() == null ? null : json.writeValueAsString(state.software());
        jdbc.sql("""
                WITH superseded AS (
                    UPDATE gateway_session SET ended_at = :now, end_reason = 'superseded'
                    WHERE gateway_id = :id AND ended_at IS NULL
                )
                INSERT INTO gateway_session (gateway_id, session, first_seen_at, born_at, software)
                VALUES (:id, :session, :now, :now, CAST(:software AS jsonb))
                """)
                .param("id", state.gatewayId()).param("session", state.session())
                .param("now", Timestamp.from(now)).param("software", software)
                .update();
        changeStatus(state.gatewayId(), now, created ? null : known.current().status(), change, state.session(), """
                commune = :commune, session = :session, last_seen_at = :now, software = CAST(:software AS jsonb),
                release = coalesce(CAST(:release AS text), release),
                release_announced_at = CASE WHEN CAST(:release AS text) IS NULL THEN release_announced_at ELSE :now END,""",
                withSoftware(state.commune(), software, state.release()));
        log.info("Gateway {} of commune {} online (session {})", state.gatewayId(), state.commune(), state.session());
    }

    private void onDeath(GatewayState state, Instant now) {
        Optional<Current> current = lock(state.gatewayId());
        // Remembered even when it changes nothing, so that a birth of this session arriving later is known as late.
        jdbc.sql("""
                INSERT INTO gateway_session (gateway_id, session, first_seen_at, ended_at, end_reason)
                VALUES (:id, :session, :now, :now, :reason)
                ON CONFLICT (gateway_id, session) DO UPDATE SET
                    ended_at = coalesce(gateway_session.ended_at, EXCLUDED.ended_at),
                    end_reason = CASE WHEN gateway_session.ended_at IS NULL OR gateway_session.end_reason = 'superseded'
                                      THEN EXCLUDED.end_reason ELSE gateway_session.end_reason END
                """)
                .param("id", state.gatewayId()).param("session", state.session())
                .param("now", Timestamp.from(now)).param("reason", state.reason())
                .update();
        if (current.isEmpty()) {
            ignored(new Ignore("death-of-unknown-gateway"), state);
            return;
        }
        Decision decision = PresenceRules.onDeath(current.get().status(), current.get().session(), state.session(),
                state.reason());
        if (!(decision instanceof Change change)) {
            jdbc.sql("UPDATE gateway SET dead_session = :session WHERE id = :id")
                    .param("id", state.gatewayId()).param("session", state.session())
                    .update();
            ignored(decision, state);
            return;
        }
        changeStatus(state.gatewayId(), now, current.get().status(), change, state.session(), "dead_session = :session,",
                Map.of());
        log.info("Gateway {} offline ({}, session {})", state.gatewayId(), state.reason(), state.session());
    }

    /**
     * A revoked gateway is offline as far as the fleet is concerned, at once: whatever it still
     * sends is ignored (its last will included), and the broker is cutting it off.
     */
    @Transactional
    @EventListener
    public void onRevoked(GatewayRevoked revoked) {
        Optional<Current> current = lock(revoked.gatewayId());
        if (current.isEmpty() || GatewayStatus.OFFLINE.name().equals(current.get().status())) {
            return;
        }
        changeStatus(revoked.gatewayId(), Instant.now(), current.get().status(), new Change(GatewayStatus.OFFLINE.name(),
                "revoked"), current.get().session(), "", Map.of());
        log.info("Gateway {} offline: its certificate was revoked", revoked.gatewayId());
    }

    /**
     * Keeps the latest health report and counts it as a sign of life of its session.
     *
     * @return false when the gateway is unknown (no birth and no reading seen yet): nothing was done
     */
    @Transactional
    public boolean onHealth(HealthReport report, byte[] rawJson, Instant now) {
        Optional<Current> current = touch(report.gatewayId(), now,
                "last_health = CAST(:health AS jsonb), last_health_at = :now,",
                Map.of("health", new String(rawJson, StandardCharsets.UTF_8)));
        if (current.isEmpty()) {
            log.debug("Health report of unknown gateway {} ignored", report.gatewayId());
            return false;
        }
        if (report.at() != null) {
            handlingDelay.record(report.at(), now);
        }
        comeBackIfStale(report.gatewayId(), current.get(), report.session(), now);
        return true;
    }

    /**
     * A message that names no session (readings, downlink results): a sign of life that brings a
     * stale gateway back. Joins the caller's transaction, if any.
     */
    @Transactional
    public void onActivity(String gatewayId) {
        Instant now = Instant.now();
        touch(gatewayId, now, "", Map.of()).ifPresent(current -> comeBackIfStale(gatewayId, current, null, now));
    }

    /**
     * Locks the gateway's row, sets its {@code last_seen_at} (and the other {@code assignments})
     * and returns its state as it was, in one round trip: this runs for every message.
     */
    private Optional<Current> touch(String gatewayId, Instant now, String assignments, Map<String, Object> extra) {
        JdbcClient.StatementSpec statement = jdbc.sql("""
                UPDATE gateway g SET %s last_seen_at = greatest(g.last_seen_at, :now)
                FROM (SELECT id, status, session FROM gateway WHERE id = :id FOR NO KEY UPDATE) before
                WHERE g.id = before.id
                RETURNING before.status, before.session
                """.formatted(assignments))
                .param("id", gatewayId).param("now", Timestamp.from(now));
        extra.forEach(statement::param);
        return statement.query((rs, row) -> new Current(rs.getString("status"), rs.getString("session"))).optional();
    }

    private void comeBackIfStale(String gatewayId, Current current, String session, Instant now) {
        if (PresenceRules.onActivity(current.status(), current.session(), session) instanceof Change change) {
            changeStatus(gatewayId, now, current.status(), change, current.session(), "", Map.of());
            log.info("Gateway {} back online after a silence", gatewayId);
        }
    }

    /**
     * Marks STALE every online gateway silent for longer than {@link PresenceProperties#staleAfter()}.
     * Silence is measured from the last message the fleet handled, so it is not the gateways' when
     * the fleet is behind: nothing is judged while the fleet's own subscription is down, nor until
     * it has been up for the whole window, and the window is widened by the current handling delay
     * ({@link HandlingDelay}) while the fleet works through a burst — by at most twice its length,
     * so that gateways with wrong clocks cannot put off the judgement for long.
     *
     * @return how many gateways became stale
     */
    public int markSilentGatewaysStale(Instant now) {
        Instant linkUpSince = fleetLinkUpSince;
        Duration window = properties.staleAfter();
        if (linkUpSince == null || linkUpSince.isAfter(now.minus(window))) {
            return 0;
        }
        Duration behind = handlingDelay.estimate(now, window);
        Duration widening = behind.compareTo(window.multipliedBy(2)) > 0 ? window.multipliedBy(2) : behind;
        Instant threshold = now.minus(window).minus(widening);
        String reason = "silent for more than " + properties.staleAfter().toSeconds() + " s";
        // One statement: the UPDATE re-checks each row it had to wait for, so a gateway that spoke
        // meanwhile is left alone.
        int stale = jdbc.sql("""
                WITH stale AS (
                    UPDATE gateway SET status = 'STALE', status_reason = :reason, status_changed_at = :now
                    WHERE status = 'ONLINE' AND last_seen_at < :threshold
                    RETURNING id, session
                )
                INSERT INTO presence_transition (gateway_id, at, from_status, to_status, reason, session)
                SELECT id, :now, 'ONLINE', 'STALE', :reason, session FROM stale
                """)
                .param("reason", reason).param("now", Timestamp.from(now)).param("threshold", Timestamp.from(threshold))
                .update();
        if (stale > 0) {
            meters.counter("mutualis.presence.transitions", "to", PresenceRules.STALE).increment(stale);
            log.info("{} gateway(s) silent for more than {}: stale", stale, properties.staleAfter());
        }
        return stale;
    }

    /** The fleet's subscription to gateway topics is up (again). */
    public void fleetLinkUp() {
        fleetLinkUpSince = Instant.now();
    }

    /** The fleet's subscription is down: silence is the fleet's, not the gateways'. */
    public void fleetLinkDown() {
        fleetLinkUpSince = null;
    }

    private Optional<Current> lock(String gatewayId) {
        return jdbc.sql("SELECT status, session FROM gateway WHERE id = :id FOR NO KEY UPDATE")
                .param("id", gatewayId)
                .query((rs, row) -> new Current(rs.getString("status"), rs.getString("session")))
                .optional();
    }

    private static Map<String, Object> withSoftware(String commune, String software, String release) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("release", release); // null from gateways older than contract 2.3: the known release stays
        parameters.put("commune", commune);
        parameters.put("software", software); // may be null: no software announced
        return parameters;
    }

    /**
     * Sets the gateway's status (and the other {@code assignments}, which may use {@code :now},
     * {@code :session} and {@code extra}) and records the transition, in one statement.
     */
    private void changeStatus(String gatewayId, Instant now, String from, Change change, String session,
                              String assignments, Map<String, Object> extra) {
        JdbcClient.StatementSpec statement = jdbc.sql("""
                WITH changed AS (
                    UPDATE gateway SET %s status = :to, status_reason = :reason, status_changed_at = :now
                    WHERE id = :id
                    RETURNING id
                )
                INSERT INTO presence_transition (gateway_id, at, from_status, to_status, reason, session)
                SELECT id, :now, :from, :to, :reason, :session FROM changed
                """.formatted(assignments))
                .param("id", gatewayId).param("now", Timestamp.from(now)).param("from", from)
                .param("to", change.status()).param("reason", change.reason()).param("session", session);
        extra.forEach(statement::param);
        statement.update();
        meters.counter("mutualis.presence.transitions", "to", change.status()).increment();
    }

    private void ignored(Decision decision, GatewayState state) {
        String why = decision instanceof Ignore ignore ? ignore.why() : "no-change";
        meters.counter("mutualis.presence.ignored", "reason", why).increment();
        log.debug("Ignored {} of {} (session {}, {})", state.status() == GatewayState.Status.ONLINE ? "birth" : "death",
                state.gatewayId(), state.session(), why);
    }
}
