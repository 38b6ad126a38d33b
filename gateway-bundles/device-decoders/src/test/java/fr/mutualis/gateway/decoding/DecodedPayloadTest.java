package fr.mutualis.gateway.decoding;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodedPayloadTest {

    @Test
    void keepsTheDecodersOrderAndCannotBeModified() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("meterTime", Instant.EPOCH);
        values.put("indexLitres", 1L);
        List<Long> increments = new ArrayList<>(List.of(1L, 2L));
        values.put("logIncrementsLitres", increments);

        DecodedPayload payload = new DecodedPayload("qalcosonic-w1", "index-report", values);
        values.put("late", true);
        increments.add(3L);

        assertThat(payload.values()).containsOnlyKeys("meterTime", "indexLitres", "logIncrementsLitres");
        assertThat(payload.values().keySet()).containsExactly("meterTime", "indexLitres", "logIncrementsLitres");
        assertThat(payload.values().get("logIncrementsLitres")).isEqualTo(List.of(1L, 2L));
        assertThatThrownBy(() -> payload.values().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givesTypedAccessToValues() {
        DecodedPayload payload = new DecodedPayload("c", "t", Map.of("indexLitres", 5L, "on", true));

        assertThat(payload.value("indexLitres", Long.class)).contains(5L);
        assertThat(payload.value("indexLitres", Double.class)).isEmpty();
        assertThat(payload.value("missing", Long.class)).isEmpty();
        assertThat(payload.value("on", Boolean.class)).contains(true);
    }

    @Test
    void acceptsOnlyTheDocumentedValueTypes() {
        assertThatThrownBy(() -> new DecodedPayload("c", "t", Map.of("n", 1)))
                .hasMessageContaining("\"n\"").hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> new DecodedPayload("c", "t", Map.of("m", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecodedPayload("c", "t", Map.of("l", List.of(List.of(1L)))))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("x", null);
        assertThatThrownBy(() -> new DecodedPayload("c", "t", withNull)).hasMessageContaining("null");
        assertThatThrownBy(() -> new DecodedPayload(" ", "t", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecodedPayload("c", "", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalPayloadsAreEqual() {
        assertThat(new DecodedPayload("c", "t", Map.of("a", 1.5, "b", "x")))
                .isEqualTo(new DecodedPayload("c", "t", Map.of("b", "x", "a", 1.5)));
    }
}
