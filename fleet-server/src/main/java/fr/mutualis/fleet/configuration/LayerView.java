package fr.mutualis.fleet.configuration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A configuration layer at its current revision; revision 0 and no components for a layer never set.
 *
 * @param components PID → property → value (null removes the property set by an earlier layer)
 */
record LayerView(
        @Schema(description = "syndicate, commune:<INSEE code>, tag:<tag> or gateway:<id>") String layer,
        long revision,
        Map<String, Map<String, Object>> components,
        Instant updatedAt,
        String updatedBy) {
}
