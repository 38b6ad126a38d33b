package fr.mutualis.gateway.ingest.gwmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.TxStatus;
import fr.mutualis.contract.Txpk;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends downlinks to the packet forwarder and matches its answers. The forwarder opens the
 * downstream path with PULL_DATA keep-alives; a downlink goes as a PULL_RESP to the address of the
 * latest one, and a version 2 forwarder answers with a TX_ACK carrying the same token. Every
 * request ends with exactly one {@link DownlinkResult}: the forwarder's code, or our own verdict
 * when the request is invalid, no forwarder is polling, or no TX_ACK comes in time.
 */
final class DownlinkDispatcher {

    /** Sends one datagram; the socket belongs to the server. */
    interface DatagramSender {
        void send(byte[] datagram, SocketAddress to) throws IOException;
    }

    /** Where and how to reach the forwarder, learnt from its latest PULL_DATA. */
    private record ForwarderRoute(SocketAddress address, int version, String gatewayEui, long seenAtNanos) {
    }

    private record PendingDownlink(DownlinkRequest request, CompletableFuture<DownlinkResult> result) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final DatagramSender sender;
    private final Clock clock;
    private final String gatewayId;
    private final String commune;
    private final Duration routeExpiry;
    private final Duration txAckTimeout;
    private final Map<Integer, PendingDownlink> pending = new ConcurrentHashMap<>();
    private final Map<TxStatus, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong unmatchedTxAcks = new AtomicLong();
    private volatile ForwarderRoute route;

    DownlinkDispatcher(DatagramSender sender, Clock clock, String gatewayId, String commune, Duration routeExpiry,
                       Duration txAckTimeout) {
        this.sender = sender;
        this.clock = clock;
        this.gatewayId = gatewayId;
        this.commune = commune;
        this.routeExpiry = routeExpiry;
        this.txAckTimeout = txAckTimeout;
    }

    void onPullData(GwmpPacket packet, SocketAddress from, long nowNanos) {
        route = new ForwarderRoute(from, packet.version(), packet.gatewayEuiHex(), nowNanos);
    }

    /** Sends the request; the future always completes normally with the outcome, counted in the metrics. */
    CompletableFuture<DownlinkResult> transmit(DownlinkRequest request, long nowNanos) {
        return send(request, nowNanos).thenApply(this::counted);
    }

    private CompletableFuture<DownlinkResult> send(DownlinkRequest request, long nowNanos) {
        List<String> problems = request.txpk().problems();
        if (!problems.isEmpty()) {
            return CompletableFuture.completedFuture(result(request, TxStatus.INVALID, String.join("; ", problems)));
        }
        ForwarderRoute current = route;
        if (current == null || nowNanos - current.seenAtNanos() > routeExpiry.toNanos()) {
            return CompletableFuture.completedFuture(result(request, TxStatus.NO_FORWARDER, current == null
                    ? "no packet forwarder has sent PULL_DATA since the agent started"
                    : "the packet forwarder's last PULL_DATA is older than " + routeExpiry.toSeconds() + " s"));
        }
        CompletableFuture<DownlinkResult> outcome = new CompletableFuture<>();
        int token = reserveToken(request, outcome);
        byte[] datagram = GwmpPacket.pullResponse(current.version(), token, pullResponseJson(request.txpk()));
        try {
            sender.send(datagram, current.address());
        } catch (IOException e) {
            pending.remove(token);
            return CompletableFuture.completedFuture(result(request, TxStatus.NO_FORWARDER,
                    "cannot send PULL_RESP to " + current.address() + ": " + e.getMessage()));
        }
        if (current.version() < 2) {
            // Version 1 forwarders never answer: the packet left, its fate is unknown.
            pending.remove(token);
            outcome.complete(result(request, TxStatus.SENT_UNCONFIRMED, "protocol version 1 forwarder sends no TX_ACK"));
            return outcome;
        }
        CompletableFuture.delayedExecutor(txAckTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (pending.remove(token, new PendingDownlink(request, outcome))) {
                outcome.complete(result(request, TxStatus.NO_TX_ACK,
                        "no TX_ACK from the forwarder within " + txAckTimeout.toMillis() + " ms"));
            }
        });
        return outcome;
    }

    /** Completes the downlink the TX_ACK's token names; throws when its body is not a TX_ACK object. */
    void onTxAck(GwmpPacket packet) throws MalformedPacketException {
        TxStatus status = TxStatus.NONE;
        String detail = null;
        if (packet.json().length > 0) {
            JsonNode root;
            try {
                root = mapper.readTree(packet.json());
            } catch (IOException e) {
                throw new MalformedPacketException("tx-ack-bad-json", "TX_ACK body is not JSON: " + e.getMessage());
            }
            JsonNode ack = root == null ? null : root.path("txpk_ack");
            if (ack != null && ack.isObject()) {
                String error = ack.path("error").isTextual() ? ack.path("error").asText() : "NONE";
                status = TxStatus.fromForwarderError(error).orElse(TxStatus.UNKNOWN_ERROR);
                if (status == TxStatus.UNKNOWN_ERROR) {
                    detail = "forwarder error code " + error;
                } else if (ack.path("warn").isTextual()) {
                    detail = "forwarder warning " + ack.path("warn").asText(); // e.g. TX_POWER adjusted
                }
            }
        }
        PendingDownlink downlink = pending.remove(packet.token());
        if (downlink == null) {
            unmatchedTxAcks.incrementAndGet();
            throw new MalformedPacketException("tx-ack-unknown-token",
                    "TX_ACK token " + packet.token() + " matches no downlink waiting for one");
        }
        downlink.result().complete(result(downlink.request(), status, detail));
    }

    void addMetrics(Map<String, Number> metrics) {
        Map<String, Number> sorted = new TreeMap<>();
        outcomes.forEach((status, count) -> sorted.put("ingest.gwmp.downlinks." + status.name().toLowerCase(), count.get()));
        metrics.putAll(sorted);
        metrics.put("ingest.gwmp.downlinks.waiting", pending.size());
    }

    /** Ends every waiting downlink: the server is stopping. */
    void close() {
        pending.values().forEach(p -> p.result().complete(result(p.request(), TxStatus.NO_TX_ACK,
                "the agent stopped before the forwarder answered")));
        pending.clear();
    }

    private DownlinkResult counted(DownlinkResult result) {
        outcomes.computeIfAbsent(result.status(), s -> new AtomicLong()).incrementAndGet();
        return result;
    }

    private int reserveToken(DownlinkRequest request, CompletableFuture<DownlinkResult> outcome) {
        while (true) {
            int token = ThreadLocalRandom.current().nextInt(0x10000);
            if (pending.putIfAbsent(token, new PendingDownlink(request, outcome)) == null) {
                return token;
            }
        }
    }

    /** The {@code {"txpk":{...}}} body, numbers as numbers (an FSK bit rate in {@code datr} included). */
    private byte[] pullResponseJson(Txpk txpk) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode node = body.putObject("txpk");
        if (Boolean.TRUE.equals(txpk.imme())) {
            node.put("imme", true);
        }
        putIfPresent(node, "tmst", txpk.tmst());
        putIfPresent(node, "tmms", txpk.tmms());
        node.put("freq", txpk.freq());
        node.put("rfch", txpk.rfch() == null ? 0 : txpk.rfch());
        putIfPresent(node, "powe", txpk.powe());
        node.put("modu", txpk.modu());
        if ("FSK".equals(txpk.modu())) {
            node.put("datr", Long.parseLong(txpk.datr()));
            node.put("fdev", txpk.fdev());
        } else {
            node.put("datr", txpk.datr());
            node.put("codr", txpk.codr());
            node.put("ipol", txpk.ipol() == null || txpk.ipol());
        }
        putIfPresent(node, "prea", txpk.prea());
        node.put("size", txpk.payload().length);
        node.put("data", txpk.data());
        if (Boolean.TRUE.equals(txpk.ncrc())) {
            node.put("ncrc", true);
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a txpk", e);
        }
    }

    private static void putIfPresent(ObjectNode node, String name, Number value) {
        if (value != null) {
            node.put(name, value.longValue());
        }
    }

    private DownlinkResult result(DownlinkRequest request, TxStatus status, String detail) {
        return new DownlinkResult(DownlinkResult.VERSION, request.id(), gatewayId, commune, status, detail,
                clock.instant());
    }
}
