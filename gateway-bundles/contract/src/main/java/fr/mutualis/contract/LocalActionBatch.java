package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Local actions sent on {@link Channel#ACTIONS}, oldest first, once the fleet can be reached: a
 * gateway that acted for two days without network sends all of it after reconnection, and sends
 * again whatever the broker did not acknowledge.
 *
 * @param v envelope version, {@link #VERSION}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalActionBatch(int v, String gatewayId, String commune, List<LocalAction> actions) {

    public static final int VERSION = 1;

    public LocalActionBatch {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
