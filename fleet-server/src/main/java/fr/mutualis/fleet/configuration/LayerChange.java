package fr.mutualis.fleet.configuration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The body of a layer change: the layer's whole new content. */
record LayerChange(
        @Schema(description = "PID to properties: JSON strings, numbers, booleans, lists of them, or null to remove "
                + "a property an earlier layer sets.", requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Map<String, Object>> components) {
}
