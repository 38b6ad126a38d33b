package fr.mutualis.gateway.uplink.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Serialises contract envelopes the way {@code docs/protocol.md} describes them. */
final class JsonCodec {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    byte[] encode(Object envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            // Contract records always serialise; failing here is a programming error.
            throw new IllegalStateException("cannot serialise " + envelope.getClass().getSimpleName(), e);
        }
    }
}
