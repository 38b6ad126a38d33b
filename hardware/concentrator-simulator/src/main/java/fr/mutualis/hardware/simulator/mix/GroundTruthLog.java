package fr.mutualis.hardware.simulator.mix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.mutualis.hardware.simulator.downlink.ReceivedDownlink;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ground-truth file of a run, in JSON lines: the mix (devices, datagrams, frames, summary;
 * see {@link GroundTruth#writeJsonLines(Writer)}), then what happened while it ran: one
 * {@code downlink} line per PULL_RESP and a final {@code play} line. Each line is flushed, so the
 * file is complete up to the last event even if the process is killed. Thread-safe: downlinks are
 * recorded from the downlink thread.
 */
public final class GroundTruthLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private long downlinks;

    /** Creates or truncates {@code file}. */
    public GroundTruthLog(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    public synchronized void writeMix(TrafficMix mix) throws IOException {
        mix.groundTruth().writeJsonLines(out);
        out.flush();
    }

    /** Usable as a downlink listener: {@code endpoint.addListener(log::recordDownlink)}. */
    public synchronized void recordDownlink(ReceivedDownlink downlink) {
        ObjectNode line = JSON.createObjectNode().put("type", "downlink").put("seq", downlinks++)
                .put("at", downlink.receivedAt().toString()).put("version", downlink.version())
                .put("token", downlink.token()).put("outcome", downlink.outcome())
                .put("txAckSent", downlink.txAckSent());
        JsonNode txpk = txpk(downlink.json());
        if (txpk != null) {
            line.set("txpk", txpk);
        } else {
            line.put("body", downlink.json());
        }
        write(line);
    }

    public synchronized void recordPlay(MixPlayer.Report report) {
        ObjectNode line = JSON.createObjectNode().put("type", "play").put("datagramsSent", report.datagramsSent())
                .put("pushAcksExpected", report.pushAcksExpected());
        report.unacknowledgedTokens().forEach(line.putArray("unacknowledgedTokens")::add);
        write(line);
    }

    private void write(ObjectNode line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode txpk(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.has("txpk") ? root.get("txpk") : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
