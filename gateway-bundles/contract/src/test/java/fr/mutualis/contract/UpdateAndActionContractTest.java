package fr.mutualis.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The update and local-action envelopes as JSON, and their channels' directions. */
class UpdateAndActionContractTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Instant AT = Instant.parse("2026-11-22T14:00:00Z");

    @Test
    void updateOrderRoundTrips() throws Exception {
        UpdateOrder order = new UpdateOrder(UpdateOrder.VERSION, "gw-1", "35238", "c-42", "1.4.0",
                "https://fleet.example:8443/api/releases/1.4.0/package", "ab".repeat(32), 123_456, "c2ln", false,
                600, 1800, 50_000, AT);

        String json = mapper.writeValueAsString(order);

        assertThat(mapper.readTree(json).get("issuedAt").asText()).isEqualTo("2026-11-22T14:00:00Z");
        assertThat(mapper.readValue(json, UpdateOrder.class)).isEqualTo(order);
    }

    @Test
    void updateOrderRefusesNonsense() {
        assertThatThrownBy(() -> new UpdateOrder(1, "gw-1", "35238", "c", "1.0.0", "https://x", "00", 0, "s", false,
                1, 1, 0, AT)).hasMessageContaining("size");
        assertThatThrownBy(() -> new UpdateOrder(1, "gw-1", "35238", "c", "1.0.0", "https://x", "00", 1, "s", false,
                -1, 1, 0, AT)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new UpdateOrder(1, "gw-1", "35238", "c", "1.0.0", "https://x", "00", 1, null, false,
                1, 1, 0, AT)).hasMessageContaining("signature");
    }

    @Test
    void updateStatusOmitsAbsentFieldsAndKnowsItsFinalSteps() throws Exception {
        UpdateStatus downloading = new UpdateStatus(UpdateStatus.VERSION, "gw-1", "35238", "c-42", "1.4.0",
                UpdateStatus.Step.DOWNLOADING, 40, null, "1.3.0", AT);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(downloading));

        assertThat(json.has("reason")).isFalse();
        assertThat(json.get("percent").asInt()).isEqualTo(40);
        assertThat(mapper.treeToValue(json, UpdateStatus.class)).isEqualTo(downloading);
        assertThat(List.of(UpdateStatus.Step.values())).filteredOn(UpdateStatus.Step::isFinal)
                .containsExactly(UpdateStatus.Step.SUCCEEDED, UpdateStatus.Step.REFUSED, UpdateStatus.Step.FAILED,
                        UpdateStatus.Step.REVERTED);
    }

    @Test
    void localActionsRoundTripInOrder() throws Exception {
        LocalActionBatch batch = new LocalActionBatch(LocalActionBatch.VERSION, "gw-1", "35238", List.of(
                new LocalAction(7, AT, "lighting", "circuit-a", Map.of("state", "ON", "reason", "SCHEDULE")),
                new LocalAction(8, AT.plusSeconds(60), "alarm", "leak-cellar", null)));

        LocalActionBatch read = mapper.readValue(mapper.writeValueAsString(batch), LocalActionBatch.class);

        assertThat(read).isEqualTo(batch);
        assertThat(read.actions().get(1).details()).isEmpty();
    }

    @Test
    void birthAnnouncesTheRunningRelease() throws Exception {
        GatewayState birth = GatewayState.birth("gw-1", "35238", "s-1", AT, Map.of(), "1.4.0");

        assertThat(mapper.readValue(mapper.writeValueAsString(birth), GatewayState.class).release()).isEqualTo("1.4.0");
        assertThat(mapper.readTree(mapper.writeValueAsString(GatewayState.birth("gw-1", "35238", "s-1", AT, Map.of())))
                .has("release")).isFalse();
    }

    @Test
    void onlyTheUpdateOrderTravelsFromFleetToGateway() {
        assertThat(Channel.UPDATE.fromGateway()).isFalse();
        assertThat(Channel.UPDATE_STATE.fromGateway()).isTrue();
        assertThat(Channel.ACTIONS.fromGateway()).isTrue();
        assertThat(Topics.parse("mutualis/v1/35238/gw-1/updatestate")).get()
                .extracting(Topics.GatewayTopic::channel).isEqualTo(Channel.UPDATE_STATE);
    }
}
