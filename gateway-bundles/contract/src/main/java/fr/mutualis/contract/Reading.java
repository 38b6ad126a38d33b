package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One accepted reading: a received LoRaWAN frame as the gateway accepted it.
 *
 * <p>{@code (gatewayId, seq)} is the idempotency key: the gateway numbers every reading it
 * accepts with a strictly increasing, never reused sequence number, and the fleet server
 * stores each key once and can see gaps. {@code receivedAt} is the gateway's receive time and
 * never changes, however late the reading is delivered.
 *
 * @param seq        per-gateway sequence number, from 1, strictly increasing
 * @param receivedAt when the gateway received the frame (microsecond precision)
 * @param late       true when this reading is delivered from backlog rather than live
 * @param priority   the delivery lane
 * @param payload    the raw LoRaWAN PHYPayload, base64 in JSON
 * @param radio      reception metadata, may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reading(
        long seq,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant receivedAt,
        boolean late,
        Priority priority,
        byte[] payload,
        RadioMetadata radio) {

    public Reading {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payload, "payload");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
    }

    /** The same reading flagged as delivered late (from backlog). */
    public Reading asLate() {
        return late ? this : new Reading(seq, receivedAt, true, priority, payload, radio);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Reading that
                && seq == that.seq && late == that.late
                && receivedAt.equals(that.receivedAt) && priority == that.priority
                && Arrays.equals(payload, that.payload) && Objects.equals(radio, that.radio);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, receivedAt, late, priority, Arrays.hashCode(payload), radio);
    }

    @Override
    public String toString() {
        return "Reading[seq=" + seq + ", receivedAt=" + receivedAt + ", late=" + late
                + ", priority=" + priority + ", payload=" + payload.length + " bytes]";
    }
}
