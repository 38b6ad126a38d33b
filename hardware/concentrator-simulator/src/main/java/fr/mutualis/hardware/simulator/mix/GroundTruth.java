package fr.mutualis.hardware.simulator.mix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a gateway configured with the mix's policy must do with a {@link TrafficMix}: per rxpk
 * entry and per datagram, and in total. A test compares {@link #forwardedPayloads()} with what
 * reached the fleet server and {@link #droppedByReason()} / {@link #rejectedByReason()} with the
 * gateway's counters.
 */
public final class GroundTruth {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MixConfig config;
    private final MixPolicy policy;
    private final List<MixDatagram> datagrams;
    private final List<MixFrame> frames;
    private final List<OwnDevice> ownDevices;
    private final List<JoinDevice> joinDevices;

    GroundTruth(MixConfig config, MixPolicy policy, List<MixDatagram> datagrams, List<OwnDevice> ownDevices,
                List<JoinDevice> joinDevices) {
        this.config = config;
        this.policy = policy;
        this.datagrams = List.copyOf(datagrams);
        List<MixFrame> all = new ArrayList<>();
        datagrams.forEach(d -> all.addAll(d.frames()));
        this.frames = List.copyOf(all);
        this.ownDevices = List.copyOf(ownDevices);
        this.joinDevices = List.copyOf(joinDevices);
    }

    /** Every rxpk entry, in sending order (entries of rejected datagrams are not frames: they never reach the pipeline). */
    public List<MixFrame> frames() {
        return frames;
    }

    public List<MixDatagram> datagrams() {
        return datagrams;
    }

    /** Own devices (ordinary and chatty) with their session keys, to verify MICs and decrypt payloads. */
    public List<OwnDevice> ownDevices() {
        return ownDevices;
    }

    /** Devices that send join requests (accepted and foreign JoinEUIs) with their AppKeys. */
    public List<JoinDevice> joinDevices() {
        return joinDevices;
    }

    public Optional<OwnDevice> ownDevice(int devAddr) {
        return ownDevices.stream().filter(d -> d.devAddr() == devAddr).findFirst();
    }

    /** Count per outcome, for every outcome (zero included). */
    public Map<ExpectedOutcome, Long> countsByOutcome() {
        Map<ExpectedOutcome, Long> counts = new EnumMap<>(ExpectedOutcome.class);
        for (ExpectedOutcome outcome : ExpectedOutcome.values()) {
            counts.put(outcome, 0L);
        }
        frames.forEach(f -> counts.merge(f.expected(), 1L, Long::sum));
        datagrams.stream().filter(d -> d.expected() != null).forEach(d -> counts.merge(d.expected(), 1L, Long::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** Count per outcome label ({@code forwarded:NORMAL}, {@code dropped:duplicate}, ...), non-zero ones only, sorted. */
    public Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        countsByOutcome().forEach((outcome, n) -> {
            if (n > 0) {
                counts.put(outcome.label(), n);
            }
        });
        return Collections.unmodifiableMap(counts);
    }

    /** Base64 PHYPayload of every frame that must reach the fleet server exactly once, with its lane. */
    public Map<String, Lane> forwardedPayloads() {
        Map<String, Lane> payloads = new LinkedHashMap<>();
        for (MixFrame frame : frames) {
            if (frame.expected().forwarded() && payloads.put(frame.phyPayloadBase64(), frame.expected().lane()) != null) {
                throw new IllegalStateException("two forwarded frames share a PHYPayload: " + frame.phyPayloadBase64());
            }
        }
        return Collections.unmodifiableMap(payloads);
    }

    public long forwardedCount() {
        return frames.stream().filter(f -> f.expected().forwarded()).count();
    }

    /** Pipeline drops by the gateway's reason ({@code crc-failed}, {@code duplicate}, ...), non-zero only. */
    public Map<String, Long> droppedByReason() {
        return byReason("dropped:");
    }

    /** GWMP-level rejections by the gateway's reason ({@code bad-json}, {@code rxpk-bad-base64}, ...), non-zero only. */
    public Map<String, Long> rejectedByReason() {
        return byReason("rejected:");
    }

    private Map<String, Long> byReason(String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        expectedCounts().forEach((label, n) -> {
            if (label.startsWith(prefix)) {
                counts.put(label.substring(prefix.length()), n);
            }
        });
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The ground truth as JSON lines: one per device, then per datagram followed by one per
     * rxpk entry, then a summary. Deterministic: the same mix always gives the same text.
     */
    public void writeJsonLines(Writer out) throws IOException {
        for (OwnDevice device : ownDevices) {
            ObjectNode line = JSON.createObjectNode().put("type", "device").put("devAddr", device.devAddrHex())
                    .put("nwkSKey", hex(device.keys().nwkSKey())).put("appSKey", hex(device.keys().appSKey()))
                    .put("chatty", device.chatty());
            writeLine(out, line);
        }
        for (JoinDevice device : joinDevices) {
            ObjectNode line = JSON.createObjectNode().put("type", "join-device").put("devEui", device.devEuiHex())
                    .put("joinEui", String.format("%016X", device.joinEui())).put("appKey", hex(device.appKey()))
                    .put("joinEuiAllowed", policy.joinEuiRange().contains(device.joinEui()));
            writeLine(out, line);
        }
        for (MixDatagram datagram : datagrams) {
            writeLine(out, datagramLine(datagram));
            for (MixFrame frame : datagram.frames()) {
                writeLine(out, frameLine(frame));
            }
        }
        writeLine(out, summary());
    }

    /** {@link #writeJsonLines(Writer)} into a string. */
    public String toJsonLines() {
        StringWriter out = new StringWriter();
        try {
            writeJsonLines(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private ObjectNode datagramLine(MixDatagram d) {
        ObjectNode line = JSON.createObjectNode().put("type", "datagram").put("seq", d.seq()).put("token", d.token())
                .put("version", d.version()).put("category", d.category().label());
        if (d.expected() != null) {
            line.put("expected", d.expected().label());
        }
        line.put("chained", d.chainedToPrevious()).put("stat", d.withStat()).put("entries", d.frames().size())
                .put("bytes", Base64.getEncoder().encodeToString(d.bytes()));
        return line;
    }

    private static ObjectNode frameLine(MixFrame f) {
        ObjectNode line = JSON.createObjectNode().put("type", "frame").put("seq", f.seq()).put("datagram", f.datagramSeq())
                .put("token", f.token()).put("entry", f.entryIndex()).put("category", f.category().label())
                .put("expected", f.expected().label());
        putIfPresent(line, "devAddr", f.devAddrHex());
        putIfPresent(line, "devEui", f.devEuiHex());
        putIfPresent(line, "joinEui", f.joinEuiHex());
        if (f.fCnt() != null) {
            line.put("fCnt", f.fCnt());
        }
        if (f.fPort() != null) {
            line.put("fPort", f.fPort());
        }
        if (f.mType() != null) {
            line.put("mType", f.mType().name());
        }
        line.put("crc", f.crcStatus()).put("tmst", f.tmst());
        if (f.time() != null) {
            line.put("time", f.time().toString());
        }
        line.put("format", f.format());
        if (f.duplicateOf() != null) {
            line.put("duplicateOf", f.duplicateOf());
        }
        line.put("phyPayload", f.phyPayloadBase64());
        return line;
    }

    private ObjectNode summary() {
        ObjectNode line = JSON.createObjectNode().put("type", "summary").put("seed", config.seed())
                .put("gatewayEui", String.format("%016X", config.gatewayEui()));
        ObjectNode p = line.putObject("policy");
        p.put("netId", policy.netId().toString()).put("joinEuiRange", policy.joinEuiRange().toString());
        policy.alarmFPorts().forEach(p.putArray("alarmFPorts")::add);
        policy.bulkFPorts().forEach(p.putArray("bulkFPorts")::add);
        p.put("rateLimitFrames", policy.rateLimitFrames()).put("ratePeriod", policy.ratePeriod().toString())
                .put("dedupWindow", policy.dedupWindow().toString());
        line.put("datagrams", datagrams.size()).put("frames", frames.size()).put("forwarded", forwardedCount());
        ObjectNode expected = line.putObject("expected");
        expectedCounts().forEach(expected::put);
        return line;
    }

    private static void putIfPresent(ObjectNode line, String field, String value) {
        if (value != null) {
            line.put(field, value);
        }
    }

    private static void writeLine(Writer out, ObjectNode line) throws IOException {
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
