package fr.mutualis.fleet.enrolment;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.commune.CommuneDirectory;
import fr.mutualis.fleet.commune.Site;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.PkiProperties;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.security.UnknownCommuneException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Enrolment tokens: created by staff for a commune, consumed once by a gateway. */
@Service
public class EnrolmentTokens {

    private final JdbcClient jdbc;
    private final CommuneDirectory communes;
    private final AuditLog audit;
    private final PkiProperties properties;
    private final CertificateAuthority authority;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EnrolmentTokens(JdbcClient jdbc, CommuneDirectory communes, AuditLog audit, PkiProperties properties,
                    CertificateAuthority authority) {
        this.jdbc = jdbc;
        this.communes = communes;
        this.audit = audit;
        this.properties = properties;
        this.authority = authority;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public CreatedEnrolmentToken create(EnrolmentTokenRequest request, CommuneScope scope, Actor actor) {
        if (request == null || request.commune() == null || request.commune().isBlank()) {
            throw new IllegalArgumentException("give the commune the gateway will belong to (INSEE code)");
        }
        String commune = request.commune().trim();
        if (!scope.allows(commune) || communes.find(scope, commune).isEmpty()) {
            throw new UnknownCommuneException(commune);
        }
        Site site = request.site() == null || request.site().isBlank() ? null : site(scope, commune, request.site().trim());
        String gatewayId = request.gatewayId() == null || request.gatewayId().isBlank() ? null
                : Identifiers.requireGatewayId(request.gatewayId().trim());
        Duration validity = request.validFor() == null ? properties.tokenValidity() : request.validFor();
        if (validity.isNegative() || validity.isZero() || validity.compareTo(properties.tokenMaxValidity()) > 0) {
            throw new IllegalArgumentException("validFor must be positive and at most " + properties.tokenMaxValidity()
                    + ", was " + validity);
        }
        String code = EnrolmentCode.generate(random);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity);
        jdbc.sql("""
                INSERT INTO enrolment_token (id, code_hash, commune, site_id, gateway_id, created_by, created_at, expires_at)
                VALUES (:id, :hash, :commune, :site, :gateway, :by, :now, :expires)
                """)
                .param("id", id).param("hash", EnrolmentCode.hash(code)).param("commune", commune)
                .param("site", site == null ? null : site.id()).param("gateway", gatewayId)
                .param("by", actor.name()).param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt))
                .update();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("site", site == null ? null : site.name());
        recorded.put("gatewayId", gatewayId);
        recorded.put("expiresAt", expiresAt.toString());
        audit.record(actor, "enrolment-token.create", "enrolment-token", id.toString(), commune, null, recorded);
        return new CreatedEnrolmentToken(id, code, commune, site == null ? null : site.name(), gatewayId, expiresAt,
                enrolmentUrl(code));
    }

    /** The invitation a QR code carries: where to enrol, with what, and which root CA to expect. */
    String enrolmentUrl(String code) {
        String pin = Base64.getUrlEncoder().withoutPadding().encodeToString(authority.rootFingerprint());
        return properties.fleetUrl() + "/enrol?code=" + code + "&ca=" + pin;
    }

    public List<EnrolmentTokenView> list(CommuneScope scope, String commune, UUID after, int limit) {
        return jdbc.sql("""
                SELECT t.*, s.name AS site_name FROM enrolment_token t LEFT JOIN site s ON s.id = t.site_id
                WHERE (:all OR t.commune = ANY(:communes)) AND (CAST(:commune AS text) IS NULL OR t.commune = :commune)
                  AND (CAST(:after AS uuid) IS NULL OR (t.created_at, t.id) <
                       (SELECT created_at, id FROM enrolment_token WHERE id = CAST(:after AS uuid)))
                ORDER BY t.created_at DESC, t.id DESC LIMIT :limit
                """)
                .param("all", scope.all()).param("communes", scope.sqlArray()).param("commune", commune)
                .param("after", after).param("limit", limit)
                .query((rs, row) -> view(rs, clock.instant()))
                .list();
    }

    public Optional<EnrolmentTokenView> find(CommuneScope scope, UUID id) {
        return jdbc.sql("""
                SELECT t.*, s.name AS site_name FROM enrolment_token t LEFT JOIN site s ON s.id = t.site_id
                WHERE t.id = :id
                """)
                .param("id", id)
                .query((rs, row) -> view(rs, clock.instant()))
                .optional().filter(token -> scope.allows(token.commune()));
    }

    /** Cancels a token that has not been used. Returns false when it was already used or cancelled. */
    @Transactional
    public boolean cancel(UUID id, String commune, Actor actor) {
        int changed = jdbc.sql("""
                UPDATE enrolment_token SET cancelled_at = :now
                WHERE id = :id AND used_at IS NULL AND cancelled_at IS NULL
                """)
                .param("id", id).param("now", Timestamp.from(clock.instant())).update();
        if (changed == 1) {
            audit.record(actor, "enrolment-token.cancel", "enrolment-token", id.toString(), commune, null, null);
        }
        return changed == 1;
    }

    /**
     * Marks the token with this code used, in the caller's transaction (so that a failed
     * enrolment leaves it usable).
     *
     * @throws EnrolmentRefusedException when no token has this code, or it is expired, used or cancelled
     */
    ConsumedToken consume(String code, String gatewayId) {
        byte[] hash;
        try {
            hash = EnrolmentCode.hash(code);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.TOKEN_UNKNOWN, e.getMessage());
        }
        Instant now = clock.instant();
        Optional<ConsumedToken> consumed = jdbc.sql("""
                UPDATE enrolment_token t SET used_at = :now, used_by_gateway = :gateway
                WHERE code_hash = :hash AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > :now
                RETURNING t.id, t.commune, t.site_id, t.gateway_id
                """)
                .param("hash", hash).param("now", Timestamp.from(now)).param("gateway", gatewayId)
                .query((rs, row) -> new ConsumedToken(rs.getObject("id", UUID.class), rs.getString("commune"),
                        rs.getObject("site_id", UUID.class), rs.getString("gateway_id")))
                .optional();
        if (consumed.isPresent()) {
            return consumed.get();
        }
        EnrolmentTokenView token = jdbc.sql("""
                SELECT t.*, NULL AS site_name FROM enrolment_token t WHERE code_hash = :hash
                """)
                .param("hash", hash)
                .query((rs, row) -> view(rs, now)).optional()
                .orElseThrow(() -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.TOKEN_UNKNOWN,
                        "No enrolment token has this code. Check it, or ask for a new one."));
        throw switch (token.status()) {
            case USED -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.TOKEN_USED,
                    "This code was already used at " + token.usedAt() + " (by gateway " + token.usedByGateway()
                            + "). A code enrols one gateway only: ask for a new one.");
            case CANCELLED -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.TOKEN_CANCELLED,
                    "This code was cancelled. Ask for a new one.");
            default -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.TOKEN_EXPIRED,
                    "This code expired at " + token.expiresAt() + ". Ask for a new one.");
        };
    }

    /** The id of the used token with this code, if there is one. */
    Optional<UUID> usedTokenId(String code) {
        byte[] hash;
        try {
            hash = EnrolmentCode.hash(code);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM enrolment_token WHERE code_hash = :hash AND used_at IS NOT NULL")
                .param("hash", hash).query(UUID.class).optional();
    }

    private Site site(CommuneScope scope, String commune, String nameOrId) {
        List<Site> sites = communes.sites(scope, commune);
        return sites.stream()
                .filter(site -> site.name().equals(nameOrId) || site.id().toString().equals(nameOrId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("commune " + commune + " has no site '" + nameOrId
                        + "'; its sites: " + sites.stream().map(Site::name).toList()));
    }

    private static EnrolmentTokenView view(ResultSet rs, Instant now) throws SQLException {
        Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
        Timestamp usedAt = rs.getTimestamp("used_at");
        EnrolmentTokenView.Status status = usedAt != null ? EnrolmentTokenView.Status.USED
                : rs.getTimestamp("cancelled_at") != null ? EnrolmentTokenView.Status.CANCELLED
                : expiresAt.isAfter(now) ? EnrolmentTokenView.Status.PENDING : EnrolmentTokenView.Status.EXPIRED;
        return new EnrolmentTokenView(rs.getObject("id", UUID.class), rs.getString("commune"), rs.getString("site_name"),
                rs.getString("gateway_id"), status, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                expiresAt, usedAt == null ? null : usedAt.toInstant(), rs.getString("used_by_gateway"));
    }

    /** A token just used: what it binds the gateway to. */
    record ConsumedToken(UUID id, String commune, UUID siteId, String gatewayId) {
    }
}
