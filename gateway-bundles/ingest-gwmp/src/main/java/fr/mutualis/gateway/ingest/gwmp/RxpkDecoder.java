package fr.mutualis.gateway.ingest.gwmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ReceivedFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns the JSON of a PUSH_DATA into received frames and the forwarder's statistics. A malformed
 * {@code rxpk} entry is rejected on its own, with a reason, and the others of the same datagram
 * are kept; a body that is not one well-formed JSON object is rejected whole.
 *
 * <p>Tolerant of what real forwarders send beyond Semtech's reference: numbers written as strings,
 * the FSK bit rate as a number in {@code datr}, LR-FHSS modulation, signal metadata only in the
 * per-antenna {@code rsig} array (Semtech v2 multi-antenna and Kerlink style), the fine timestamp
 * {@code ftime}, GPS time {@code tmms}, and unknown fields such as {@code meta}, which are skipped.
 *
 * <p>The {@code rxpk} entries are read with Jackson's streaming parser rather than a tree: this is
 * the gateway's hottest path, and a tree costs about twice as much (see docs/benchmarks.md).
 */
final class RxpkDecoder {

    /** What a PUSH_DATA carried: its frames, the reasons of the rejected entries, and the {@code stat} object if any. */
    record Decoded(List<ReceivedFrame> frames, List<String> rejections, JsonNode stat) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = mapper.getFactory();

    Decoded decode(byte[] json, Instant receivedAt) throws MalformedPacketException {
        List<ReceivedFrame> frames = new ArrayList<>(2);
        List<String> rejections = new ArrayList<>(0);
        JsonNode stat = null;
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPacketException("bad-json", "PUSH_DATA body is not a JSON object");
            }
            boolean sawRxpk = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("rxpk".equals(field) && !sawRxpk) {
                    sawRxpk = true;
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (value != JsonToken.START_ARRAY) {
                        // Still read to the end: a malformed body must be reported as such.
                        parser.skipChildren();
                        requireWellFormedRest(parser);
                        throw new MalformedPacketException("bad-rxpk", "'rxpk' is not an array");
                    }
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        decodeOne(parser, receivedAt, frames, rejections);
                    }
                } else if ("stat".equals(field) && value == JsonToken.START_OBJECT) {
                    stat = mapper.readTree(parser);
                } else {
                    parser.skipChildren();
                }
            }
            requireWellFormedRest(parser);
        } catch (IOException e) {
            throw new MalformedPacketException("bad-json", "PUSH_DATA body is not JSON: " + e.getMessage());
        }
        return new Decoded(frames, rejections, stat);
    }

    /** Consumes what is left of the root object, then requires the end of the input. */
    private static void requireWellFormedRest(JsonParser parser) throws IOException, MalformedPacketException {
        while (!parser.getParsingContext().inRoot()) {
            if (parser.nextToken() == null) {
                throw new MalformedPacketException("bad-json", "PUSH_DATA body ends inside its object");
            }
        }
        if (parser.nextToken() != null) {
            throw new MalformedPacketException("bad-json", "PUSH_DATA body has data after its JSON object");
        }
    }

    /** Reads one entry of the array, the parser on its first token; leaves the parser on its last token. */
    private void decodeOne(JsonParser parser, Instant receivedAt, List<ReceivedFrame> frames, List<String> rejections)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            rejections.add("rxpk-not-object");
            return;
        }
        RxpkFields fields = new RxpkFields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            fields.read(name, token, parser, mapper);
        }
        String rejection = fields.rejection();
        if (rejection != null) {
            rejections.add(rejection);
            return;
        }
        frames.add(new ReceivedFrame(receivedAt, fields.payload, fields.radioMetadata()));
    }

    /** The fields of one {@code rxpk} entry as they are read. */
    private static final class RxpkFields {
        private String data;
        private boolean dataNotText;
        private byte[] payload;
        private Long size;
        private Double freq;
        private String modu;
        private String datr;
        private String codr;
        private Integer rssi;
        private Double lsnr;
        private Integer chan;
        private Integer rfch;
        private Long tmst;
        private Integer stat;
        private String time;
        private Long tmms;
        private Long ftime;
        private JsonNode rsig;

        void read(String name, JsonToken token, JsonParser parser, ObjectMapper mapper) throws IOException {
            switch (name) {
                case "data" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        data = parser.getText();
                    } else {
                        dataNotText = true;
                        parser.skipChildren();
                    }
                }
                case "size" -> size = longValue(token, parser);
                case "freq" -> freq = doubleValue(token, parser);
                case "modu" -> modu = text(token, parser);
                case "datr" -> datr = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                        ? parser.getText() : text(token, parser);
                case "codr" -> codr = text(token, parser);
                case "rssi" -> rssi = intValue(token, parser);
                case "lsnr" -> lsnr = doubleValue(token, parser);
                case "chan" -> chan = intValue(token, parser);
                case "rfch" -> rfch = intValue(token, parser);
                case "tmst" -> tmst = longValue(token, parser);
                case "stat" -> stat = intValue(token, parser);
                case "time" -> time = text(token, parser);
                case "tmms" -> tmms = longValue(token, parser);
                case "ftime" -> ftime = longValue(token, parser);
                case "rsig" -> {
                    if (token == JsonToken.START_ARRAY) {
                        rsig = mapper.readTree(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }

        /** Null when the entry holds a frame (then {@link #payload} is set), else the rejection reason. */
        String rejection() {
            if (data == null || dataNotText) {
                return "rxpk-missing-data";
            }
            try {
                payload = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                return "rxpk-bad-base64";
            }
            if (payload.length == 0) {
                return "rxpk-empty";
            }
            if (size != null && size != payload.length) {
                return "rxpk-size-mismatch";
            }
            return null;
        }

        RadioMetadata radioMetadata() {
            Integer signal = rssi;
            Double snr = lsnr;
            Integer antenna = null;
            JsonNode best = bestAntenna(rsig);
            if (best != null) {
                antenna = JsonNumbers.asInt(best.path("ant"));
                if (signal == null) {
                    signal = JsonNumbers.asInt(best.path("rssic"));
                }
                if (snr == null) {
                    snr = JsonNumbers.asDouble(best.path("lsnr"));
                }
            }
            return new RadioMetadata(freq == null ? null : Math.round(freq * 1_000_000), modu, datr, codr, signal, snr,
                    chan, rfch, tmst, stat, time, tmms, ftime, antenna);
        }

        private static String text(JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }

        private static Double doubleValue(JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = parser.getDoubleValue();
                return Double.isFinite(value) ? value : null;
            }
            if (token == JsonToken.VALUE_STRING) {
                return JsonNumbers.parseDouble(parser.getText());
            }
            parser.skipChildren();
            return null;
        }

        private static Long longValue(JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_STRING) {
                return JsonNumbers.wholeNumber(doubleValue(token, parser), token == JsonToken.VALUE_STRING
                        ? parser.getText() : null);
            }
            parser.skipChildren();
            return null;
        }

        private static Integer intValue(JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            Double value = doubleValue(token, parser);
            // RSSI is sometimes written with a decimal part (-57.0): round it rather than lose it.
            return value != null && Math.abs(value) <= Integer.MAX_VALUE ? (int) Math.round(value) : null;
        }
    }

    /** The {@code rsig} entry with the best SNR (then RSSI): the antenna that heard the frame best. */
    private static JsonNode bestAntenna(JsonNode rsig) {
        if (rsig == null || !rsig.isArray()) {
            return null;
        }
        JsonNode best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (JsonNode entry : rsig) {
            if (!entry.isObject()) {
                continue;
            }
            Double snr = JsonNumbers.asDouble(entry.path("lsnr"));
            Integer rssi = JsonNumbers.asInt(entry.path("rssic"));
            double score = (snr == null ? -1000 : snr) * 1000 + (rssi == null ? -1000 : rssi);
            if (best == null || score > bestScore) {
                best = entry;
                bestScore = score;
            }
        }
        return best;
    }
}
