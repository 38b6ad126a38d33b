package fr.mutualis.gateway.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logged-in browsers: a random session id in an HttpOnly, SameSite=Strict cookie, and a per-session
 * CSRF token that every form carries. Sessions expire after a fixed time from login; at most a
 * few are kept (a console has one or two technicians), the oldest dropped first.
 */
public final class Sessions {

    private static final int MAX_SESSIONS = 8;

    /** One logged-in browser. */
    public record Session(String id, String csrfToken, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Duration lifetime;
    private final Map<String, Session> byId = new LinkedHashMap<>();

    public Sessions(Clock clock, SecureRandom random, Duration lifetime) {
        this.clock = clock;
        this.random = random;
        this.lifetime = lifetime;
    }

    public synchronized Session open() {
        if (byId.size() >= MAX_SESSIONS) {
            byId.remove(byId.keySet().iterator().next());
        }
        Session session = new Session(token(), token(), clock.instant().plus(lifetime));
        byId.put(session.id(), session);
        return session;
    }

    public synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session != null && !clock.instant().isBefore(session.expiresAt())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public synchronized void close(String id) {
        byId.remove(id);
    }

    public Duration lifetime() {
        return lifetime;
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
