package fr.mutualis.gateway.ingest.gwmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ReceivedFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the JSON of a PUSH_DATA into received frames. A malformed {@code rxpk} entry is
 * rejected on its own, with a reason, and the others of the same datagram are kept.
 */
final class RxpkDecoder {

    /** What a PUSH_DATA carried: its frames, and the reasons of the entries that were rejected. */
    record Decoded(List<ReceivedFrame> frames, List<String> rejections) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    Decoded decode(byte[] json, Instant receivedAt) throws MalformedPacketException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new MalformedPacketException("bad-json", "PUSH_DATA body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPacketException("bad-json", "PUSH_DATA body is not a JSON object");
        }
        JsonNode rxpks = root.path("rxpk");
        List<ReceivedFrame> frames = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        if (rxpks.isMissingNode()) {
            return new Decoded(frames, rejections); // a stat-only report
        }
        if (!rxpks.isArray()) {
            throw new MalformedPacketException("bad-rxpk", "'rxpk' is not an array");
        }
        for (JsonNode rxpk : rxpks) {
            decodeOne(rxpk, receivedAt, frames::add, rejections::add);
        }
        return new Decoded(frames, rejections);
    }

    private static void decodeOne(JsonNode rxpk, Instant receivedAt, Consumer<ReceivedFrame> accepted,
                                  Consumer<String> rejected) {
        JsonNode data = rxpk.path("data");
        if (!data.isTextual()) {
            rejected.accept("rxpk-missing-data");
            return;
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            rejected.accept("rxpk-bad-base64");
            return;
        }
        if (payload.length == 0) {
            rejected.accept("rxpk-empty");
            return;
        }
        JsonNode size = rxpk.path("size");
        if (size.isNumber() && size.asInt() != payload.length) {
            rejected.accept("rxpk-size-mismatch");
            return;
        }
        accepted.accept(new ReceivedFrame(receivedAt, payload, radioMetadata(rxpk)));
    }

    private static RadioMetadata radioMetadata(JsonNode rxpk) {
        JsonNode freq = rxpk.path("freq");
        JsonNode datr = rxpk.path("datr");
        return new RadioMetadata(
                freq.isNumber() ? Math.round(freq.asDouble() * 1_000_000) : null,
                textOrNull(rxpk.path("modu")),
                datr.isValueNode() && !datr.isNull() ? datr.asText() : null,
                textOrNull(rxpk.path("codr")),
                rxpk.path("rssi").isNumber() ? rxpk.path("rssi").asInt() : null,
                rxpk.path("lsnr").isNumber() ? rxpk.path("lsnr").asDouble() : null,
                rxpk.path("chan").isNumber() ? rxpk.path("chan").asInt() : null,
                rxpk.path("rfch").isNumber() ? rxpk.path("rfch").asInt() : null,
                rxpk.path("tmst").isNumber() ? rxpk.path("tmst").asLong() : null,
                rxpk.path("stat").isNumber() ? rxpk.path("stat").asInt() : null,
                textOrNull(rxpk.path("time")));
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
