package fr.mutualis.fleet.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;

/**
 * API tokens: 256 random bits, shown once at creation, kept only as a SHA-256 digest (a token is
 * not a password: its entropy makes a slow hash unnecessary, and the lookup must be fast).
 */
@Service
public class ApiTokens {

    /** Marks our tokens so that they are recognisable in logs and secret scanners. */
    static final String PREFIX = "mut_";
    /** last_used_at is refreshed at most this often, to keep authentication a read. */
    private static final Duration USE_RECORDING = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, UserAccounts accounts, AuditLog audit) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** A token as listed: never its secret. */
    public record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                            Instant revokedAt) {
    }

    /** A new token with its secret, which is not kept and cannot be shown again. */
    public record IssuedToken(UUID id, String name, Instant expiresAt, String token) {
    }

    /** Issues a token for a person, recorded in the audit log (never its secret). */
    @Transactional
    public IssuedToken issue(Actor actor, UUID userId, String name, Duration validity) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 characters, e.g. the tool using it");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant expiresAt = validity == null ? null : Instant.now().plus(validity);
        jdbc.sql("""
                INSERT INTO api_token (id, user_id, name, token_hash, expires_at)
                VALUES (:id, :user, :name, :hash, :expires)
                """)
                .param("id", id).param("user", userId).param("name", name.trim()).param("hash", digest(token))
                .param("expires", expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .update();
        audit.record(actor, "token.issue", "token", id.toString(), null, null,
                Map.of("user", userId.toString(), "name", name.trim(), "expiresAt", String.valueOf(expiresAt)));
        return new IssuedToken(id, name.trim(), expiresAt, token);
    }

    /** The enabled person a valid, unrevoked, unexpired token belongs to. */
    public Optional<UserAccount> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        record Match(UUID id, UUID userId, Instant lastUsedAt) {
        }
        Optional<Match> match = jdbc.sql("""
                SELECT t.id, t.user_id, t.last_used_at FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
                  AND u.enabled
                """)
                .param("hash", digest(token))
                .query((rs, row) -> {
                    OffsetDateTime used = rs.getObject("last_used_at", OffsetDateTime.class);
                    return new Match(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                            used == null ? null : used.toInstant());
                })
                .optional();
        match.filter(m -> m.lastUsedAt() == null || m.lastUsedAt().isBefore(Instant.now().minus(USE_RECORDING)))
                .ifPresent(m -> jdbc.sql("UPDATE api_token SET last_used_at = now() WHERE id = :id")
                        .param("id", m.id()).update());
        return match.flatMap(m -> accounts.findById(m.userId()));
    }

    public List<TokenView> list(UUID userId) {
        return jdbc.sql("""
                SELECT id, name, created_at, expires_at, last_used_at, revoked_at FROM api_token
                WHERE user_id = :user ORDER BY created_at
                """)
                .param("user", userId)
                .query((rs, row) -> new TokenView(rs.getObject("id", UUID.class), rs.getString("name"),
                        instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("expires_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_used_at", OffsetDateTime.class)),
                        instant(rs.getObject("revoked_at", OffsetDateTime.class))))
                .list();
    }

    /** Revokes one of the person's own tokens, recorded in the audit log; false when they have no such token. */
    @Transactional
    public boolean revoke(Actor actor, UUID userId, UUID tokenId) {
        boolean revoked = jdbc.sql("""
                UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id AND user_id = :user
                """).param("id", tokenId).param("user", userId).update() == 1;
        if (revoked) {
            audit.record(actor, "token.revoke", "token", tokenId.toString(), null, null, null);
        }
        return revoked;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
