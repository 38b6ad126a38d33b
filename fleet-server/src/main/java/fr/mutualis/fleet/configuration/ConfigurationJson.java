package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.ReportedComponent;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes the configuration tables hold, read and written with the application's mapper. */
@Component
class ConfigurationJson {

    private static final TypeReference<Map<String, Map<String, Object>>> COMPONENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<ReportedComponent>> SCHEMAS = new TypeReference<>() {
    };

    private final JsonMapper json;

    ConfigurationJson(JsonMapper json) {
        this.json = json;
    }

    Map<String, Map<String, Object>> components(String text) {
        return text == null ? Map.of() : json.readValue(text, COMPONENTS);
    }

    List<ReportedComponent> schemas(String text) {
        return json.readValue(text, SCHEMAS);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    byte[] bytes(Object value) {
        return json.writeValueAsBytes(value);
    }
}
