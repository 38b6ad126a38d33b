package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.ReportedComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each gateway's desired versions, what it reported, and the schemas gateways reported. */
@Repository
class GatewayConfigurations {

    /** A gateway a configuration may reach, with where its configuration stands. */
    record Target(String gatewayId, String commune, List<String> tags, String status, Long desiredVersion,
                  String schemaDigest) {
    }

    /** A desired version of one gateway. */
    record Version(String gatewayId, String commune, long version, Map<String, Map<String, Object>> components,
                   Instant createdAt) {
    }

    /** Everything the fleet knows of one gateway's configuration. */
    record State(Long desiredVersion, Long publishedVersion, long appliedVersion, long attemptedVersion, String outcome,
                 String error, Map<String, Map<String, Object>> reportedValues, Instant reportedAt, int valueDrift) {
    }

    private static final String TARGET_COLUMNS = """
            SELECT g.id, g.commune, g.tags, g.status, c.desired_version, c.schema_digest
            FROM gateway g LEFT JOIN gateway_config c ON c.gateway_id = g.id
            """;

    private final JdbcClient jdbc;
    private final ConfigurationJson json;

    GatewayConfigurations(JdbcClient jdbc, ConfigurationJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The gateways a layer reaches, in id order. */
    List<Target> reachedBy(LayerId layer) {
        String where = switch (layer.kind()) {
            case SYNDICATE -> "TRUE";
            case COMMUNE -> "g.commune = :scope";
            case TAG -> ":scope = ANY(g.tags)";
            case GATEWAY -> "g.id = :scope";
        };
        return jdbc.sql(TARGET_COLUMNS + " WHERE " + where + " ORDER BY g.id")
                .param("scope", layer.scope()).query((rs, row) -> target(rs)).list();
    }

    Optional<Target> target(String gatewayId) {
        return jdbc.sql(TARGET_COLUMNS + " WHERE g.id = :id").param("id", gatewayId)
                .query((rs, row) -> target(rs)).optional();
    }

    Map<String, Map<String, Object>> desiredComponents(String gatewayId, Long version) {
        if (version == null) {
            return Map.of();
        }
        return version(gatewayId, version).map(Version::components).orElse(Map.of());
    }

    Optional<Version> version(String gatewayId, long version) {
        return jdbc.sql("""
                SELECT v.gateway_id, g.commune, v.version, v.components::text AS components, v.created_at
                FROM gateway_config_version v JOIN gateway g ON g.id = v.gateway_id
                WHERE v.gateway_id = :id AND v.version = :version
                """).param("id", gatewayId).param("version", version).query((rs, row) -> version(rs)).optional();
    }

    /** Records a new desired version for the gateway and returns it; the caller holds the configuration lock. */
    Version newVersion(String gatewayId, String commune, Map<String, Map<String, Object>> components, Instant at) {
        long version = jdbc.sql("SELECT nextval('config_version_seq')").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO gateway_config_version (gateway_id, version, components, created_at)
                VALUES (:id, :version, CAST(:components AS jsonb), :at)
                """).param("id", gatewayId).param("version", version).param("components", json.write(components))
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
        jdbc.sql("""
                INSERT INTO gateway_config (gateway_id, desired_version) VALUES (:id, :version)
                ON CONFLICT (gateway_id) DO UPDATE SET desired_version = excluded.desired_version
                """).param("id", gatewayId).param("version", version).update();
        return new Version(gatewayId, commune, version, components, at);
    }

    void markPublished(String gatewayId, long version) {
        jdbc.sql("""
                UPDATE gateway_config SET published_version = greatest(coalesce(published_version, 0), :version)
                WHERE gateway_id = :id
                """).param("id", gatewayId).param("version", version).update();
    }

    /** Whether this version is the gateway's desired one now (not superseded by a newer one). */
    boolean isDesired(String gatewayId, long version) {
        return jdbc.sql("SELECT count(*) FROM gateway_config WHERE gateway_id = :id AND desired_version = :version")
                .param("id", gatewayId).param("version", version).query(Long.class).single() > 0;
    }

    /** Desired versions the broker has not taken yet (it was down), oldest gateways first. */
    List<Version> unpublished(int limit) {
        return jdbc.sql("""
                SELECT v.gateway_id, g.commune, v.version, v.components::text AS components, v.created_at
                FROM gateway_config c
                JOIN gateway_config_version v ON v.gateway_id = c.gateway_id AND v.version = c.desired_version
                JOIN gateway g ON g.id = c.gateway_id
                WHERE c.desired_version > coalesce(c.published_version, 0)
                ORDER BY c.gateway_id LIMIT :limit
                """).param("limit", limit).query((rs, row) -> version(rs)).list();
    }

    Optional<State> state(String gatewayId) {
        return jdbc.sql("SELECT * FROM gateway_config WHERE gateway_id = :id").param("id", gatewayId)
                .query((rs, row) -> new State((Long) rs.getObject("desired_version"),
                        (Long) rs.getObject("published_version"), rs.getLong("applied_version"),
                        rs.getLong("attempted_version"), rs.getString("outcome"), rs.getString("error"),
                        json.components(rs.getString("reported_values")), instant(rs, "reported_at"),
                        rs.getInt("value_drift")))
                .optional();
    }

    /**
     * Stores a report: its schema once per distinct content, its values, versions and outcome, and
     * how many desired properties it contradicts. Returns false when the gateway is unknown.
     */
    boolean storeReport(ConfigurationReport report, Instant receivedAt) {
        List<ReportedComponent> schemas = new ArrayList<>();
        Map<String, Map<String, Object>> values = new TreeMap<>();
        for (ReportedComponent component : report.components()) {
            schemas.add(new ReportedComponent(component.pid(), component.name(), component.description(),
                    component.attributes(), null));
            values.put(component.pid(), component.values());
        }
        String schemaJson = json.write(schemas);
        String digest = sha256(schemaJson);
        OffsetDateTime at = OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO config_schema (digest, components, first_seen) VALUES (:digest, CAST(:components AS jsonb), :at)
                ON CONFLICT (digest) DO NOTHING
                """).param("digest", digest).param("components", schemaJson).param("at", at).update();
        int stored = jdbc.sql("""
                INSERT INTO gateway_config (gateway_id, applied_version, attempted_version, outcome, error,
                                            reported_values, schema_digest, reported_at)
                SELECT :id, :applied, :attempted, :outcome, :error, CAST(:values AS jsonb), :digest, :at
                WHERE EXISTS (SELECT 1 FROM gateway WHERE id = :id)
                ON CONFLICT (gateway_id) DO UPDATE SET applied_version = excluded.applied_version,
                    attempted_version = excluded.attempted_version, outcome = excluded.outcome, error = excluded.error,
                    reported_values = excluded.reported_values, schema_digest = excluded.schema_digest,
                    reported_at = excluded.reported_at
                """).param("id", report.gatewayId()).param("applied", report.appliedVersion())
                .param("attempted", report.attemptedVersion()).param("outcome", report.outcome().name())
                .param("error", report.error()).param("values", json.write(values)).param("digest", digest)
                .param("at", at).update();
        return stored > 0;
    }

    void setValueDrift(String gatewayId, int drift) {
        jdbc.sql("UPDATE gateway_config SET value_drift = :drift WHERE gateway_id = :id")
                .param("drift", drift).param("id", gatewayId).update();
    }

    /** The reported schemas of these gateways, grouped by distinct content. */
    List<SchemaValidation.SchemaGroup> schemaGroups(List<Target> targets) {
        Map<String, List<String>> byDigest = new LinkedHashMap<>();
        for (Target target : targets) {
            if (target.schemaDigest() != null) {
                byDigest.computeIfAbsent(target.schemaDigest(), d -> new ArrayList<>()).add(target.gatewayId());
            }
        }
        List<SchemaValidation.SchemaGroup> groups = new ArrayList<>();
        byDigest.forEach((digest, gateways) -> groups.add(new SchemaValidation.SchemaGroup(
                byPid(json.schemas(jdbc.sql("SELECT components::text FROM config_schema WHERE digest = :digest")
                        .param("digest", digest).query(String.class).single())), gateways)));
        return groups;
    }

    /** PID → the schema most recently reported for it by any gateway. */
    Map<String, ReportedComponent> latestSchemas() {
        Map<String, ReportedComponent> latest = new TreeMap<>();
        jdbc.sql("SELECT components::text FROM config_schema ORDER BY first_seen").query(String.class).list()
                .forEach(text -> latest.putAll(byPid(json.schemas(text))));
        return latest;
    }

    private static Map<String, ReportedComponent> byPid(List<ReportedComponent> components) {
        Map<String, ReportedComponent> byPid = new TreeMap<>();
        components.forEach(component -> byPid.put(component.pid(), component));
        return byPid;
    }

    private Version version(ResultSet rs) throws SQLException {
        return new Version(rs.getString("gateway_id"), rs.getString("commune"), rs.getLong("version"),
                json.components(rs.getString("components")), instant(rs, "created_at"));
    }

    private static Target target(ResultSet rs) throws SQLException {
        return new Target(rs.getString("id"), rs.getString("commune"), List.of((String[]) rs.getArray("tags").getArray()),
                rs.getString("status"), (Long) rs.getObject("desired_version"), rs.getString("schema_digest"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
