package fr.mutualis.fleet.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layers merged in order, their differences, and validation against reported schemas. */
class LayeredConfigurationTest {

    private static final String HEALTH = ConfiguredFakeGateway.HEALTH;
    private static final String PIPELINE = ConfiguredFakeGateway.PIPELINE;

    @Test
    void laterLayersOverrideEarlierOnesPropertyByPropertyAndNullRemoves() {
        Map<String, Object> gatewayHealth = new HashMap<>();
        gatewayHealth.put("intervalSeconds", null);
        EffectiveConfiguration effective = EffectiveConfiguration.merge(List.of(
                new EffectiveConfiguration.Layer(LayerId.SYNDICATE, Map.of(HEALTH, Map.of("intervalSeconds", 60),
                        PIPELINE, Map.of("dedupeWindowMillis", 200))),
                new EffectiveConfiguration.Layer(LayerId.parse("commune:35238"), Map.of(PIPELINE, Map.of("dedupeWindowMillis", 300))),
                new EffectiveConfiguration.Layer(LayerId.parse("tag:eclairage"), Map.of(PIPELINE, Map.of("dedupeWindowMillis", 400))),
                new EffectiveConfiguration.Layer(LayerId.parse("gateway:gw-1"), Map.of(HEALTH, gatewayHealth))));

        assertThat(effective.components()).isEqualTo(Map.of(PIPELINE, Map.of("dedupeWindowMillis", 400)));
        assertThat(effective.origins()).isEqualTo(Map.of(PIPELINE + ".dedupeWindowMillis", "tag:eclairage"));
    }

    @Test
    void diffNamesEachAddedRemovedAndChangedPropertyAndComparesNumbersByValue() {
        List<ConfigurationDiff.Change> changes = ConfigurationDiff.between(
                Map.of(HEALTH, Map.of("intervalSeconds", 60), PIPELINE, Map.of("dedupeWindowMillis", 200, "netIds", List.of("000013"))),
                Map.of(PIPELINE, Map.of("dedupeWindowMillis", 200L, "netIds", List.of("000013", "00000a"), "rateLimitFrames", 120)));

        assertThat(changes).containsExactly(
                new ConfigurationDiff.Change(HEALTH, "intervalSeconds", "REMOVED", 60, null),
                new ConfigurationDiff.Change(PIPELINE, "netIds", "CHANGED", List.of("000013"), List.of("000013", "00000a")),
                new ConfigurationDiff.Change(PIPELINE, "rateLimitFrames", "ADDED", null, 120));
    }

    @Test
    void problemsNameTheGatewaysWhoseSchemaRefusesAndNestedObjectsAreRefusedWithoutSchema() {
        Map<String, fr.mutualis.contract.ReportedComponent> schema = new HashMap<>();
        ConfiguredFakeGateway.SCHEMA.forEach(component -> schema.put(component.pid(), component));
        SchemaValidation.SchemaGroup group = new SchemaValidation.SchemaGroup(schema, List.of("gw-1", "gw-2"));

        List<InvalidConfigurationException.Problem> problems = SchemaValidation.problems(
                Map.of(PIPELINE, Map.of("dedupeWindowMillis", 90000)), List.of(group), Map.of());
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.sentence()).isEqualTo(PIPELINE + ".dedupeWindowMillis must be at most 60000, got 90000");
            assertThat(problem.gateways()).containsExactly("gw-1", "gw-2");
            assertThat(problem.gatewayCount()).isEqualTo(2);
        });

        assertThat(SchemaValidation.problems(Map.of("fr.mutualis.gateway.identity", Map.of("gatewayId", "gw-x")),
                List.of(group), Map.of())).singleElement().extracting(InvalidConfigurationException.Problem::sentence)
                .isEqualTo("fr.mutualis.gateway.identity is not a remotely configurable component of these gateways "
                        + "(they report: fr.mutualis.gateway.health, fr.mutualis.gateway.pipeline)");

        assertThat(SchemaValidation.problems(Map.of(HEALTH, Map.of("intervalSeconds", Map.of("x", 1))), List.of(group),
                Map.of())).singleElement().extracting(InvalidConfigurationException.Problem::sentence)
                .isEqualTo(HEALTH + ".intervalSeconds must be a string, a number, a boolean, null or a list of them");
    }

    @Test
    void layerNamesAreCheckedAndPrintedBack() {
        assertThat(LayerId.parse("commune:2A004")).isEqualTo(new LayerId(LayerId.Kind.COMMUNE, "2A004"));
        assertThat(LayerId.parse("gateway:gw-rennes-mairie").toString()).isEqualTo("gateway:gw-rennes-mairie");
        assertThat(LayerId.parse("syndicate")).isEqualTo(LayerId.SYNDICATE);
        assertThatThrownBy(() -> LayerId.parse("commune:Rennes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no configuration layer");
    }
}
