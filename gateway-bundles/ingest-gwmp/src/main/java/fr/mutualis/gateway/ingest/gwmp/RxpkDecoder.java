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
 * Turns the JSON of a PUSH_DATA into received frames and the forwarder's statistics. A malformed
 * {@code rxpk} entry is rejected on its own, with a reason, and the others of the same datagram
 * are kept.
 *
 * <p>Tolerant of what real forwarders send beyond Semtech's reference: numbers written as strings,
 * the FSK bit rate as a number in {@code datr}, LR-FHSS modulation, signal metadata only in the
 * per-antenna {@code rsig} array (Semtech v2 multi-antenna and Kerlink style), the fine timestamp
 * {@code ftime}, GPS time {@code tmms}, and unknown fields such as {@code meta}, which are ignored.
 */
final class RxpkDecoder {

    /** What a PUSH_DATA carried: its frames, the reasons of the rejected entries, and the {@code stat} object if any. */
    record Decoded(List<ReceivedFrame> frames, List<String> rejections, JsonNode stat) {
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
        JsonNode stat = root.path("stat").isObject() ? root.get("stat") : null;
        JsonNode rxpks = root.path("rxpk");
        List<ReceivedFrame> frames = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        if (rxpks.isMissingNode() || rxpks.isNull()) {
            return new Decoded(frames, rejections, stat); // a stat-only report
        }
        if (!rxpks.isArray()) {
            throw new MalformedPacketException("bad-rxpk", "'rxpk' is not an array");
        }
        for (JsonNode rxpk : rxpks) {
            decodeOne(rxpk, receivedAt, frames::add, rejections::add);
        }
        return new Decoded(frames, rejections, stat);
    }

    private static void decodeOne(JsonNode rxpk, Instant receivedAt, Consumer<ReceivedFrame> accepted,
                                  Consumer<String> rejected) {
        if (!rxpk.isObject()) {
            rejected.accept("rxpk-not-object");
            return;
        }
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
        Long size = JsonNumbers.asLong(rxpk.path("size"));
        if (size != null && size != payload.length) {
            rejected.accept("rxpk-size-mismatch");
            return;
        }
        accepted.accept(new ReceivedFrame(receivedAt, payload, radioMetadata(rxpk)));
    }

    private static RadioMetadata radioMetadata(JsonNode rxpk) {
        Double freq = JsonNumbers.asDouble(rxpk.path("freq"));
        Integer rssi = JsonNumbers.asInt(rxpk.path("rssi"));
        Double snr = JsonNumbers.asDouble(rxpk.path("lsnr"));
        Long fineTimestamp = JsonNumbers.asLong(rxpk.path("ftime"));
        Integer antenna = null;
        JsonNode best = bestAntenna(rxpk.path("rsig"));
        if (best != null) {
            antenna = JsonNumbers.asInt(best.path("ant"));
            if (rssi == null) {
                rssi = JsonNumbers.asInt(best.path("rssic"));
            }
            if (snr == null) {
                snr = JsonNumbers.asDouble(best.path("lsnr"));
            }
        }
        JsonNode datr = rxpk.path("datr");
        return new RadioMetadata(
                freq == null ? null : Math.round(freq * 1_000_000),
                textOrNull(rxpk.path("modu")),
                datr.isTextual() || datr.isNumber() ? datr.asText() : null,
                textOrNull(rxpk.path("codr")),
                rssi,
                snr,
                JsonNumbers.asInt(rxpk.path("chan")),
                JsonNumbers.asInt(rxpk.path("rfch")),
                JsonNumbers.asLong(rxpk.path("tmst")),
                JsonNumbers.asInt(rxpk.path("stat")),
                textOrNull(rxpk.path("time")),
                JsonNumbers.asLong(rxpk.path("tmms")),
                fineTimestamp,
                antenna);
    }

    /** The {@code rsig} entry with the best SNR (then RSSI): the antenna that heard the frame best. */
    private static JsonNode bestAntenna(JsonNode rsig) {
        if (!rsig.isArray()) {
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

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
