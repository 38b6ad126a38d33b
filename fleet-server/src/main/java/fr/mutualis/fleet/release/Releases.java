package fr.mutualis.fleet.release;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.release.ReleaseRefusedException.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release catalogue: accepts a package only when its signature verifies with a trusted
 * release key and it is a well-formed complete bundle set, stores it content-addressed, and
 * records what it is. Releases are syndicate-wide: no commune owns one.
 */
@Service
public class Releases {

    private static final Logger log = LoggerFactory.getLogger(Releases.class);
    private static final TypeReference<List<DeploymentPackage.Bundle>> BUNDLES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ReleaseFiles files;
    private final TrustedReleaseKeys keys;
    private final ReleaseProperties properties;
    private final AuditLog audit;
    private final MeterRegistry meters;

    Releases(JdbcClient jdbc, JsonMapper json, ReleaseFiles files, TrustedReleaseKeys keys, ReleaseProperties properties,
             AuditLog audit, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.files = files;
        this.keys = keys;
        this.properties = properties;
        this.audit = audit;
        this.meters = meters;
    }

    /** The result of an upload: the release, and whether this upload created it (false: the same package again). */
    public record Upload(ReleaseView release, boolean created) {
    }

    /**
     * Verifies and stores a package. Uploading the same package again answers the stored release;
     * another package under a version already stored is refused.
     *
     * @throws ReleaseRefusedException with the reason, counted in {@code mutualis.releases.refused}
     */
    @Transactional
    public Upload upload(byte[] content, String signature, String claimedKeyId, Actor actor) {
        try {
            return accept(content, signature, claimedKeyId, actor);
        } catch (ReleaseRefusedException e) {
            meters.counter("mutualis.releases.refused", "reason", e.reason().name()).increment();
            log.warn("Release upload by {} refused: {}", actor.name(), e.getMessage());
            throw e;
        }
    }

    private Upload accept(byte[] content, String signature, String claimedKeyId, Actor actor) {
        if (content == null || content.length == 0) {
            throw new ReleaseRefusedException(Reason.MALFORMED_PACKAGE, "The 'package' part is missing or empty.");
        }
        if (content.length > properties.maxPackageSize().toBytes()) {
            throw new ReleaseRefusedException(Reason.TOO_LARGE, "The package has " + content.length + " bytes; the most "
                    + "accepted is " + properties.maxPackageSize().toBytes() + " (mutualis.releases.max-package-size).");
        }
        // Signature first: nothing from an unverified package is even parsed.
        String keyId = keys.verify(content, signature, claimedKeyId);
        DeploymentPackage parsed = DeploymentPackage.read(content, properties.maxExpandedSize().toBytes());
        String sha256 = sha256(content);
        // Serialises uploads of the same version across fleet instances.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('mutualis.release'), hashtext(:version))")
                .param("version", parsed.version()).query().listOfRows();
        Optional<ReleaseView> existing = find(parsed.version());
        if (existing.isPresent()) {
            if (existing.get().sha256().equals(sha256)) {
                return new Upload(existing.get(), false);
            }
            throw new ReleaseRefusedException(Reason.VERSION_EXISTS, "Release " + parsed.version() + " already exists "
                    + "with other content (SHA-256 " + existing.get().sha256() + "): a version names one package forever; "
                    + "build a new version.");
        }
        files.store(sha256, content);
        Instant now = Instant.now();
        String normalisedSignature = signature.replaceAll("\\s", "");
        jdbc.sql("""
                INSERT INTO release (version, sha256, size, signature, key_id, bundles, uploaded_by, uploaded_at)
                VALUES (:version, :sha256, :size, :signature, :keyId, CAST(:bundles AS jsonb), :by, :at)
                """)
                .param("version", parsed.version()).param("sha256", sha256).param("size", (long) content.length)
                .param("signature", normalisedSignature).param("keyId", keyId)
                .param("bundles", json.writeValueAsString(parsed.bundles())).param("by", actor.name())
                .param("at", Timestamp.from(now)).update();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("version", parsed.version());
        recorded.put("sha256", sha256);
        recorded.put("size", content.length);
        recorded.put("keyId", keyId);
        recorded.put("bundles", parsed.bundles().size());
        audit.record(actor, "release.upload", "release", parsed.version(), null, null, recorded);
        meters.counter("mutualis.releases.uploaded").increment();
        log.info("Release {} uploaded by {} ({} bytes, SHA-256 {}, key {})", parsed.version(), actor.name(),
                content.length, sha256, keyId);
        return new Upload(find(parsed.version()).orElseThrow(), true);
    }

    public List<ReleaseView> list(String after, int limit) {
        return jdbc.sql("SELECT * FROM release WHERE (CAST(:after AS text) IS NULL OR version COLLATE \"C\" > :after) "
                        + "ORDER BY version COLLATE \"C\" LIMIT :limit")
                .param("after", after).param("limit", limit)
                .query((rs, row) -> view(rs)).list();
    }

    public Optional<ReleaseView> find(String version) {
        return jdbc.sql("SELECT * FROM release WHERE version = :version").param("version", version)
                .query((rs, row) -> view(rs)).optional();
    }

    /** The stored package of a release, for download. */
    public Optional<Path> packageFile(String version) {
        return find(version).map(release -> files.path(release.sha256()));
    }

    /**
     * Deletes a release no running or paused campaign uses; the file goes once the deletion is
     * committed (a rollback keeps both).
     */
    @Transactional
    public void delete(String version, Actor actor) {
        ReleaseView release = jdbc.sql("SELECT * FROM release WHERE version = :version FOR UPDATE")
                .param("version", version).query((rs, row) -> view(rs)).optional()
                .orElseThrow(() -> unknown(version));
        List<String> users = jdbc.sql("SELECT id::text FROM campaign WHERE release = :version AND state IN ('RUNNING', 'PAUSED')")
                .param("version", version).query(String.class).list();
        if (!users.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Release " + version
                    + " is used by campaign(s) " + users + ": cancel them first.");
            problem.setTitle("Release in use");
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
        jdbc.sql("DELETE FROM release WHERE version = :version").param("version", version).update();
        audit.record(actor, "release.delete", "release", version, null,
                Map.of("sha256", release.sha256(), "size", release.size()), null);
        boolean shared = jdbc.sql("SELECT count(*) FROM release WHERE sha256 = :sha").param("sha", release.sha256())
                .query(Long.class).single() > 0;
        if (!shared) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    files.delete(release.sha256());
                }
            });
        }
    }

    static ErrorResponseException unknown(String version) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No release " + version + ".");
        problem.setTitle("Unknown release");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private ReleaseView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReleaseView(rs.getString("version"), rs.getString("sha256"), rs.getLong("size"),
                rs.getString("signature"), rs.getString("key_id"), json.readValue(rs.getString("bundles"), BUNDLES),
                rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
