package fr.mutualis.fleet.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of a gateway's presence history.
 *
 * @param from    the previous status; absent for a gateway's first state. Equal to {@code to} when a
 *                new connection replaced one whose death the fleet had not (yet) heard of.
 * @param reason  birth, shutdown, connection-lost, activity, "silent for more than 90 s"...
 * @param session the MQTT session concerned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PresenceTransitionView(long id, String gatewayId, Instant at, String from, String to, String reason,
                                     String session) {
}
