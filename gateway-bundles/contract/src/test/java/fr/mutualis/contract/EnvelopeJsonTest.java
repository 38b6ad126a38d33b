package fr.mutualis.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The envelopes as Jackson 2 writes them on the gateway; the fleet server's tests read the same JSON with Jackson 3. */
class EnvelopeJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void readingBatchRoundTripsWithExactPayloadAndMicrosecondTime() throws Exception {
        Instant receivedAt = Instant.parse("2026-11-22T14:03:07.123456Z");
        byte[] payload = {0x40, 0x11, 0x22, 0x33, 0x44, 0x00, 0x01, 0x00, 0x01, (byte) 0xFF, 0x7F, (byte) 0x80};
        RadioMetadata radio = new RadioMetadata(868_100_000L, "LORA", "SF7BW125", "4/5", -57, 9.5, 2, 0,
                3_512_348_611L, 1, null);
        ReadingBatch batch = ReadingBatch.of("gw-1", "35238",
                List.of(new Reading(42, receivedAt, false, Priority.NORMAL, payload, radio)));

        String json = mapper.writeValueAsString(batch);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.get("v").asInt()).isEqualTo(1);
        assertThat(tree.at("/readings/0/receivedAt").asText()).isEqualTo("2026-11-22T14:03:07.123456Z");
        assertThat(tree.at("/readings/0/payload").asText()).isEqualTo("QBEiM0QAAQAB/3+A");
        assertThat(tree.at("/readings/0/radio").has("gatewayTime")).as("nulls are omitted").isFalse();
        assertThat(mapper.readValue(json, ReadingBatch.class)).isEqualTo(batch);
    }

    @Test
    void unknownFieldsFromANewerMinorVersionAreIgnored() throws Exception {
        String json = """
                {"v":1,"gatewayId":"gw-1","commune":"35238","future":true,
                 "readings":[{"seq":1,"receivedAt":"2026-11-22T00:00:00Z","late":true,"priority":"ALARM",
                              "payload":"AQI=","extra":{"x":1}}]}""";

        ReadingBatch batch = mapper.readValue(json, ReadingBatch.class);

        assertThat(batch.readings()).singleElement().satisfies(reading -> {
            assertThat(reading.late()).isTrue();
            assertThat(reading.priority()).isEqualTo(Priority.ALARM);
            assertThat(reading.payload()).containsExactly(1, 2);
        });
    }

    @Test
    void stateAndHealthRoundTrip() throws Exception {
        Instant at = Instant.parse("2026-11-22T14:00:00Z");
        GatewayState birth = GatewayState.birth("gw-1", "35238", "s-1", at, Map.of("fr.mutualis.x", "0.1.0"));
        HealthReport health = new HealthReport(1, "gw-1", "35238", "s-1", at, 12, Map.of("jvm.heap.used", 1.0e6));

        assertThat(mapper.readValue(mapper.writeValueAsString(birth), GatewayState.class)).isEqualTo(birth);
        assertThat(mapper.readValue(mapper.writeValueAsString(health), HealthReport.class)).isEqualTo(health);
        assertThat(mapper.readTree(mapper.writeValueAsString(
                GatewayState.death("gw-1", "35238", "s-1", at, GatewayState.REASON_CONNECTION_LOST)))
                .get("status").asText()).isEqualTo("OFFLINE");
    }
}
