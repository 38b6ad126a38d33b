package fr.mutualis.hardware.simulator.mix;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the forwarder's periodic {@code stat} object (PROTOCOL.TXT section 4; {@code temp} from
 * sx1302_hal). Its time uses the protocol's "expanded" format, unlike rxpk's compact ISO 8601.
 */
final class StatWriter {

    private static final DateTimeFormatter EXPANDED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private long received;
    private long receivedOk;

    /** Counts the entries a forwarder has fetched so far, so that the counters grow as real ones do. */
    void count(Entry entry) {
        received++;
        if (entry.crcStatus == 1) {
            receivedOk++;
        }
    }

    void write(JsonGenerator g, Instant time, boolean withTemperature) throws IOException {
        g.writeObjectFieldStart("stat");
        g.writeStringField("time", EXPANDED_TIME.format(time));
        number(g, "lati", "48.11198");   // Rennes town hall
        number(g, "long", "-1.68026");
        g.writeNumberField("alti", 42);
        g.writeNumberField("rxnb", received);
        g.writeNumberField("rxok", receivedOk);
        g.writeNumberField("rxfw", receivedOk);
        number(g, "ackr", "100.0");
        g.writeNumberField("dwnb", 0);
        g.writeNumberField("txnb", 0);
        if (withTemperature) {
            number(g, "temp", String.format(Locale.ROOT, "%.1f", 30 + (time.getEpochSecond() % 120) / 10.0));
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, String literal) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(literal);
    }
}
