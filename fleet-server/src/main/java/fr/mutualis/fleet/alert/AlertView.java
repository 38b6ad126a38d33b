package fr.mutualis.fleet.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An alert as the API shows it.
 *
 * @param state           OPEN or RESOLVED
 * @param openedAt        when the condition began to hold (an offline gateway: when it went offline
 *                        plus {@code offline-after}), which may be before the fleet noticed it
 * @param resolvedAt      when the condition ended; absent while open
 * @param durationSeconds how long it was (or has been) open
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(long id, String gatewayId, String commune, AlertKind kind, String state, Instant openedAt,
                        Instant resolvedAt, long durationSeconds, String detail) {
}
