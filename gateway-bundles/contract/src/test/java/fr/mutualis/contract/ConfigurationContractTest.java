package fr.mutualis.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration envelopes as JSON, and the validation rules both sides apply. */
class ConfigurationContractTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final AttributeSchema PORT = new AttributeSchema("port", "UDP port", null, AttributeType.INTEGER,
            0, true, "1", "65535", List.of("1700"), null);
    private static final AttributeSchema LANE = new AttributeSchema("defaultLane", "Lane", null, AttributeType.STRING,
            0, true, null, null, List.of("NORMAL"),
            List.of(new AttributeOption("Alarm", "ALARM"), new AttributeOption("Normal", "NORMAL")));
    private static final AttributeSchema NET_IDS = new AttributeSchema("netIds", "NetIDs", null, AttributeType.STRING,
            3, false, "6", "6", List.of(), null);
    private static final AttributeSchema FLAG = new AttributeSchema("lorawanOnly", null, null, AttributeType.BOOLEAN,
            0, true, null, null, List.of("true"), null);
    private static final ReportedComponent COMPONENT = new ReportedComponent("fr.mutualis.gateway.x", "X", null,
            List.of(PORT, LANE, NET_IDS, FLAG), Map.of("port", 1700));

    @Test
    void desiredConfigurationRoundTripsWithTypedValues() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("port", 1701);
        properties.put("netIds", List.of("000013", "00000a"));
        properties.put("lorawanOnly", false);
        DesiredConfiguration desired = new DesiredConfiguration(DesiredConfiguration.VERSION, "gw-1", "35238", 7,
                Instant.parse("2026-11-22T14:00:00Z"), Map.of("fr.mutualis.gateway.x", properties));

        String json = mapper.writeValueAsString(desired);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.at("/components/fr.mutualis.gateway.x/netIds/1").asText()).isEqualTo("00000a");
        assertThat(tree.get("issuedAt").asText()).isEqualTo("2026-11-22T14:00:00Z");
        assertThat(mapper.readValue(json, DesiredConfiguration.class)).isEqualTo(desired);
    }

    @Test
    void reportRoundTripsWithSchemasAndOmitsWhatIsAbsent() throws Exception {
        ConfigurationReport report = new ConfigurationReport(ConfigurationReport.VERSION, "gw-1", "35238",
                Instant.parse("2026-11-22T14:00:00Z"), 6, 7, ConfigurationOutcome.ROLLED_BACK,
                "component X failed activation", List.of(COMPONENT));

        String json = mapper.writeValueAsString(report);

        assertThat(mapper.readTree(json).at("/components/0/attributes/0/min").asText()).isEqualTo("1");
        assertThat(mapper.readTree(json).at("/components/0/attributes/3").has("options")).isFalse();
        assertThat(mapper.readValue(json, ConfigurationReport.class)).isEqualTo(report);
    }

    @Test
    void configChannelIsFleetToGatewayAndConfigStateGatewayToFleet() {
        assertThat(Channel.CONFIG.fromGateway()).isFalse();
        assertThat(Channel.CONFIG_STATE.fromGateway()).isTrue();
        assertThat(Topics.parse("mutualis/v1/35238/gw-1/configstate")).get()
                .extracting(Topics.GatewayTopic::channel).isEqualTo(Channel.CONFIG_STATE);
    }

    @Test
    void acceptableValuesHaveNoProblems() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("port", 1701);
        properties.put("defaultLane", "ALARM");
        properties.put("netIds", List.of("000013"));
        properties.put("lorawanOnly", true);

        assertThat(COMPONENT.problems(properties)).isEmpty();
    }

    @Test
    void everyKindOfMistakeIsNamedPrecisely() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("port", 70000);
        properties.put("defaultLane", "URGENT");
        properties.put("netIds", List.of("13", "000013", "00000a", "000001"));
        properties.put("lorawanOnly", "yes");
        properties.put("dedupeWindow", 200);

        assertThat(COMPONENT.problems(properties)).map(ConfigurationProblem::toString).containsExactly(
                "fr.mutualis.gateway.x.port must be at most 65535, got 70000",
                "fr.mutualis.gateway.x.defaultLane must be one of [ALARM, NORMAL], got 'URGENT'",
                "fr.mutualis.gateway.x.netIds takes at most 3 values, got 4",
                "fr.mutualis.gateway.x.netIds value [0] length must be at least 6, got 2",
                "fr.mutualis.gateway.x.lorawanOnly must be true or false, got 'yes'",
                "fr.mutualis.gateway.x.dedupeWindow is not a property of this component "
                        + "(known: port, defaultLane, netIds, lorawanOnly)");
    }

    @Test
    void typesAndCardinalityAreChecked() {
        assertThat(PORT.problems(17.5)).containsExactly("must be a whole number, got 17.5");
        assertThat(PORT.problems("1700")).containsExactly("must be a number, got '1700'");
        assertThat(PORT.problems(List.of(1700))).containsExactly("takes one integer, not a list");
        assertThat(PORT.problems(null)).containsExactly("is required and cannot be removed");
        assertThat(PORT.problems(3_000_000_000L)).containsExactly("is out of the range of integer, got 3000000000");
        assertThat(NET_IDS.problems("000013")).containsExactly("takes a list of string values, got '000013'");
        assertThat(NET_IDS.problems(null)).isEmpty();
    }
}
