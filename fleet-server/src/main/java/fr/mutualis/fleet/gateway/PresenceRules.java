package fr.mutualis.fleet.gateway;

import java.util.Objects;

/**
 * What a message does to a gateway's presence, decided from what the fleet already knows. Pure:
 * the database work is {@link GatewayPresence}'s.
 *
 * <p>Sessions are ordered by the arrival of their first message (birth or death) at the fleet,
 * never by the gateway's clock, which may be wrong on a device without a real-time clock. MQTT
 * keeps one connection's messages in order, and a gateway opens its next connection only after
 * the previous one is gone, so a session never heard of before is the newest one. Everything
 * else that arrives late — a duplicate birth, the birth of an ended session, the last will of a
 * superseded connection — is recognised and ignored.
 */
final class PresenceRules {

    static final String ONLINE = "ONLINE";
    static final String STALE = "STALE";
    static final String OFFLINE = "OFFLINE";

    /** What the fleet knows of the session a message names. */
    enum SessionKnowledge { UNKNOWN, OPEN, ENDED }

    /** The outcome for a message. */
    sealed interface Decision permits Change, Ignore, Unchanged {
    }

    /** The gateway moves to {@code status} (for a birth, with the message's session as current). */
    record Change(String status, String reason) implements Decision {
    }

    /** The message is late or repeated: counted under {@code why}, no effect on presence. */
    record Ignore(String why) implements Decision {
    }

    /** The message is current but changes nothing (a sign of life from an online gateway). */
    record Unchanged() implements Decision {
    }

    private PresenceRules() {
    }

    /**
     * A birth.
     *
     * @param knowledge what the fleet knows of the birth's session
     */
    static Decision onBirth(String currentSession, String session, SessionKnowledge knowledge) {
        return switch (knowledge) {
            case UNKNOWN -> new Change(ONLINE, "birth");
            case ENDED -> new Ignore("late-birth-of-ended-session");
            case OPEN -> Objects.equals(currentSession, session)
                    ? new Ignore("duplicate-birth")
                    : new Ignore("late-birth-of-older-session");
        };
    }

    /**
     * A death (clean shutdown or last will).
     *
     * @param currentStatus null when the gateway is unknown
     */
    static Decision onDeath(String currentStatus, String currentSession, String session, String reason) {
        if (currentStatus == null) {
            return new Ignore("death-of-unknown-gateway");
        }
        if (!Objects.equals(currentSession, session)) {
            return new Ignore("death-of-another-session");
        }
        if (OFFLINE.equals(currentStatus)) {
            return new Ignore("duplicate-death");
        }
        return new Change(OFFLINE, reason == null ? "death" : reason);
    }

    /**
     * Any other message: a health report (which names its session) or readings and downlink
     * results (which do not). Only a message of the current connection brings a stale gateway
     * back; nothing but a birth brings back an offline one.
     *
     * @param session null when the message does not name one
     */
    static Decision onActivity(String currentStatus, String currentSession, String session) {
        if (STALE.equals(currentStatus) && (session == null || Objects.equals(currentSession, session))) {
            return new Change(ONLINE, "activity");
        }
        return new Unchanged();
    }
}
