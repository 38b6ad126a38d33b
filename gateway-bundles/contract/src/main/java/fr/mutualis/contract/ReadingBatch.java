package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * The envelope published on {@link Channel#UP}: several readings of one gateway in one MQTT
 * message. The fleet server checks that {@code gatewayId} and {@code commune} match the topic.
 *
 * @param v         envelope version, {@link #VERSION}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadingBatch(int v, String gatewayId, String commune, List<Reading> readings) {

    public static final int VERSION = 1;

    public ReadingBatch {
        Objects.requireNonNull(readings, "readings");
        readings = List.copyOf(readings);
    }

    public static ReadingBatch of(String gatewayId, String commune, List<Reading> readings) {
        return new ReadingBatch(VERSION, gatewayId, commune, readings);
    }
}
