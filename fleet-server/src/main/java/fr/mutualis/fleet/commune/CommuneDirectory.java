package fr.mutualis.fleet.commune;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.security.CommuneScope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Communes and their sites, always read through the caller's {@link CommuneScope}. */
@Repository
public class CommuneDirectory {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    CommuneDirectory(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Commune> list(CommuneScope scope) {
        return jdbc.sql("""
                SELECT code, name, latitude, longitude FROM commune
                WHERE (:all OR code = ANY(:communes)) ORDER BY code
                """)
                .param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> new Commune(rs.getString("code"), rs.getString("name"),
                        (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude")))
                .list();
    }

    public Optional<Commune> find(CommuneScope scope, String code) {
        if (!scope.allows(code)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT code, name, latitude, longitude FROM commune WHERE code = :code")
                .param("code", code)
                .query((rs, row) -> new Commune(rs.getString("code"), rs.getString("name"),
                        (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude")))
                .optional();
    }

    /** Adds a commune, recorded in the audit log. */
    @Transactional
    public Commune create(Actor actor, Commune commune) {
        if (commune.code() == null || !Identifiers.isValidCommune(commune.code())) {
            throw new IllegalArgumentException("code must be an INSEE commune code (5 digits, or 2A/2B and 3 digits)");
        }
        if (commune.name() == null || commune.name().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        requireCoordinates(commune.latitude(), commune.longitude());
        int inserted = jdbc.sql("""
                INSERT INTO commune (code, name, latitude, longitude) VALUES (:code, :name, :lat, :lon)
                ON CONFLICT (code) DO NOTHING
                """)
                .param("code", commune.code()).param("name", commune.name().trim())
                .param("lat", commune.latitude()).param("lon", commune.longitude())
                .update();
        if (inserted == 0) {
            throw new IllegalArgumentException("commune " + commune.code() + " already exists");
        }
        audit.record(actor, "commune.create", "commune", commune.code(), commune.code(), null, commune);
        return commune;
    }

    public List<Site> sites(CommuneScope scope, String commune) {
        if (!scope.allows(commune)) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM site WHERE commune = :commune ORDER BY name")
                .param("commune", commune)
                .query((rs, row) -> new Site(rs.getObject("id", UUID.class), rs.getString("commune"),
                        rs.getString("name"), rs.getString("address"), (Double) rs.getObject("latitude"),
                        (Double) rs.getObject("longitude")))
                .list();
    }

    public Optional<Site> site(CommuneScope scope, UUID id) {
        return jdbc.sql("SELECT * FROM site WHERE id = :id").param("id", id)
                .query((rs, row) -> new Site(rs.getObject("id", UUID.class), rs.getString("commune"),
                        rs.getString("name"), rs.getString("address"), (Double) rs.getObject("latitude"),
                        (Double) rs.getObject("longitude")))
                .optional()
                .filter(site -> scope.allows(site.commune()));
    }

    /** Adds a site to a commune, recorded in the audit log. */
    @Transactional
    public Site createSite(Actor actor, String commune, Site site) {
        if (site.name() == null || site.name().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        requireCoordinates(site.latitude(), site.longitude());
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO site (id, commune, name, address, latitude, longitude)
                VALUES (:id, :commune, :name, :address, :lat, :lon) ON CONFLICT (commune, name) DO NOTHING
                """)
                .param("id", id).param("commune", commune).param("name", site.name().trim())
                .param("address", site.address()).param("lat", site.latitude()).param("lon", site.longitude())
                .update();
        if (inserted == 0) {
            throw new IllegalArgumentException("commune " + commune + " already has a site named '" + site.name() + "'");
        }
        Site created = new Site(id, commune, site.name().trim(), site.address(), site.latitude(), site.longitude());
        audit.record(actor, "site.create", "site", id.toString(), commune, null, created);
        return created;
    }

    private static void requireCoordinates(Double latitude, Double longitude) {
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("give both latitude and longitude, or neither");
        }
        if (latitude != null && (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)) {
            throw new IllegalArgumentException("latitude must be within -90..90 and longitude within -180..180");
        }
    }
}
