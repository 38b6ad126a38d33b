package fr.mutualis.gateway.uplink.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Serialises and reads contract envelopes the way {@code docs/protocol.md} describes them. */
final class JsonCodec {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    byte[] encode(Object envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            // Contract records always serialise; failing here is a programming error.
            throw new IllegalStateException("cannot serialise " + envelope.getClass().getSimpleName(), e);
        }
    }

    /** Reads an envelope; throws {@link IOException} with Jackson's precise message when it does not fit. */
    <T> T decode(byte[] payload, Class<T> type) throws IOException {
        try {
            return mapper.readValue(payload, type);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A record constructor's own checks (a missing id or txpk) surface as these.
            throw new IOException(e.getMessage(), e);
        }
    }
}
