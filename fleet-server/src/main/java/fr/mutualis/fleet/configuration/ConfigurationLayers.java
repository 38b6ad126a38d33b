package fr.mutualis.fleet.configuration;

import fr.mutualis.fleet.audit.Actor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The configuration layers and every revision of each. */
@Repository
class ConfigurationLayers {

    /** A layer at one revision. */
    record Revision(LayerId id, long revision, Map<String, Map<String, Object>> components, Instant at, String by) {
    }

    private final JdbcClient jdbc;
    private final ConfigurationJson json;

    ConfigurationLayers(JdbcClient jdbc, ConfigurationJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Revision> current(LayerId id) {
        return jdbc.sql("SELECT * FROM config_layer WHERE kind = :kind AND scope = :scope")
                .param("kind", id.kind().name()).param("scope", id.scope())
                .query((rs, row) -> new Revision(id, rs.getLong("revision"), json.components(rs.getString("components")),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by")))
                .optional();
    }

    Optional<Revision> revision(LayerId id, long revision) {
        return jdbc.sql("SELECT * FROM config_layer_revision WHERE kind = :kind AND scope = :scope AND revision = :revision")
                .param("kind", id.kind().name()).param("scope", id.scope()).param("revision", revision)
                .query((rs, row) -> new Revision(id, revision, json.components(rs.getString("components")),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by")))
                .optional();
    }

    /** Stores a new revision of the layer; returns its number. */
    long save(LayerId id, Map<String, Map<String, Object>> components, Actor actor, Instant at) {
        long revision = current(id).map(Revision::revision).orElse(0L) + 1;
        String content = json.write(components);
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO config_layer (kind, scope, revision, components, updated_at, updated_by)
                VALUES (:kind, :scope, :revision, CAST(:components AS jsonb), :at, :by)
                ON CONFLICT (kind, scope) DO UPDATE SET revision = excluded.revision, components = excluded.components,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """)
                .param("kind", id.kind().name()).param("scope", id.scope()).param("revision", revision)
                .param("components", content).param("at", when).param("by", actor.name()).update();
        jdbc.sql("""
                INSERT INTO config_layer_revision (kind, scope, revision, components, recorded_at, recorded_by)
                VALUES (:kind, :scope, :revision, CAST(:components AS jsonb), :at, :by)
                """)
                .param("kind", id.kind().name()).param("scope", id.scope()).param("revision", revision)
                .param("components", content).param("at", when).param("by", actor.name()).update();
        return revision;
    }

    /** Every layer's current content, to compute many gateways' configurations with one query. */
    Map<LayerId, Map<String, Map<String, Object>>> all() {
        Map<LayerId, Map<String, Map<String, Object>>> layers = new java.util.HashMap<>();
        jdbc.sql("SELECT kind, scope, components FROM config_layer").query((rs, row) -> {
            layers.put(new LayerId(LayerId.Kind.valueOf(rs.getString("kind")), rs.getString("scope")),
                    json.components(rs.getString("components")));
            return null;
        }).list();
        return layers;
    }

    /** The layers that can apply to one gateway (its commune's, its tags', its own, the syndicate's). */
    Map<LayerId, Map<String, Map<String, Object>>> relevantTo(String gatewayId, String commune, List<String> tags) {
        Map<LayerId, Map<String, Map<String, Object>>> layers = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT kind, scope, components FROM config_layer
                WHERE kind = 'SYNDICATE' OR (kind = 'COMMUNE' AND scope = :commune)
                   OR (kind = 'TAG' AND scope = ANY(:tags)) OR (kind = 'GATEWAY' AND scope = :id)
                """).param("commune", commune).param("tags", tags.toArray(String[]::new)).param("id", gatewayId)
                .query((rs, row) -> {
                    layers.put(new LayerId(LayerId.Kind.valueOf(rs.getString("kind")), rs.getString("scope")),
                            json.components(rs.getString("components")));
                    return null;
                }).list();
        return layers;
    }

    /** The layers that apply to a gateway, in merge order: syndicate, commune, its tags by name, itself. */
    static List<EffectiveConfiguration.Layer> layersOf(Map<LayerId, Map<String, Map<String, Object>>> all,
                                                       String gatewayId, String commune, List<String> tags) {
        List<EffectiveConfiguration.Layer> layers = new ArrayList<>();
        add(layers, all, LayerId.SYNDICATE);
        add(layers, all, new LayerId(LayerId.Kind.COMMUNE, commune));
        tags.stream().sorted().forEach(tag -> add(layers, all, new LayerId(LayerId.Kind.TAG, tag)));
        add(layers, all, new LayerId(LayerId.Kind.GATEWAY, gatewayId));
        return layers;
    }

    private static void add(List<EffectiveConfiguration.Layer> layers, Map<LayerId, Map<String, Map<String, Object>>> all,
                            LayerId id) {
        Map<String, Map<String, Object>> components = all.get(id);
        if (components != null) {
            layers.add(new EffectiveConfiguration.Layer(id, components));
        }
    }
}
