package fr.mutualis.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A snapshot written to the journal and read back restores values of exactly the same Java types. */
class TypedSnapshotTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyConfigAdminTypeSurvivesTheJournal() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("port", 1700);
        properties.put("expiry", 604_800L);
        properties.put("ratio", 0.5d);
        properties.put("factor", 1.5f);
        properties.put("small", (short) 3);
        properties.put("tiny", (byte) 2);
        properties.put("letter", 'x');
        properties.put("enabled", true);
        properties.put("url", "tcp://127.0.0.1:1883");
        properties.put("netIds", new String[] {"000013", "00000a"});
        properties.put("ports", new int[] {1, 2});
        properties.put("rules", new ArrayList<>(List.of("ALARM fport=99")));

        ObjectMapper json = new ObjectMapper();
        byte[] written = json.writeValueAsBytes(TypedSnapshot.encode(properties));
        Map<String, Object> restored = TypedSnapshot.decode(json.readValue(written, Map.class));

        assertThat(restored.keySet()).containsExactlyElementsOf(properties.keySet());
        restored.forEach((key, value) -> {
            Object original = properties.get(key);
            assertThat(value.getClass()).as(key).isEqualTo(original.getClass());
            assertThat(value).as(key).isEqualTo(original);
        });
    }

    @Test
    void frameworkPropertiesAreNeverSnapshot() {
        java.util.Hashtable<String, Object> dictionary = new java.util.Hashtable<>();
        dictionary.put("service.pid", "fr.mutualis.gateway.pipeline");
        dictionary.put("service.bundleLocation", "?");
        dictionary.put("dedupeWindowMillis", 200);

        assertThat(TypedSnapshot.properties(dictionary)).containsOnlyKeys("dedupeWindowMillis");
    }
}
