package fr.mutualis.gateway.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.TxStatus;
import fr.mutualis.contract.Txpk;
import fr.mutualis.gateway.api.GatewayIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The relay between the fleet's {@code down} channel and the packet-forwarder server. */
class DownlinkRelayTest {

    private final JsonCodec json = new JsonCodec();
    private final List<DownlinkRequest> transmitted = new CopyOnWriteArrayList<>();
    private final List<DownlinkResult> published = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final GatewayIdentity identity = new GatewayIdentity() {
        public String gatewayId() {
            return "gw-1";
        }

        public String commune() {
            return "35238";
        }
    };
    private final DownlinkRelay relay = new DownlinkRelay(json, identity, request -> {
        transmitted.add(request);
        return CompletableFuture.completedFuture(new DownlinkResult(DownlinkResult.VERSION, request.id(), "gw-1", "35238",
                TxStatus.NONE, null, Instant.now()));
    }, published::add, Runnable::run, Clock.systemUTC(), Duration.ofMinutes(10), warnings::add);

    private byte[] request(String id) {
        Txpk txpk = new Txpk(true, null, null, 869.525, 0, 14, "LORA", "SF9BW125", "4/5", null, true, null, 4, "AQIDBA==", true);
        return json.encode(new DownlinkRequest(DownlinkRequest.VERSION, id, Instant.now(), txpk));
    }

    private Map<String, Number> metrics() {
        Map<String, Number> metrics = new HashMap<>();
        relay.addMetrics(metrics);
        return metrics;
    }

    @Test
    void aRequestDeliveredTwiceIsTransmittedOnceAndTheDuplicateCounted() {
        relay.onMessage(request("d-1"));
        relay.onMessage(request("d-1"));
        relay.onMessage(request("d-2"));

        assertThat(transmitted).extracting(DownlinkRequest::id).containsExactly("d-1", "d-2");
        assertThat(published).extracting(DownlinkResult::id).containsExactly("d-1", "d-2");
        assertThat(metrics()).containsEntry("uplink.downlinks.received", 3L).containsEntry("uplink.downlinks.duplicates", 1L);
    }

    @Test
    void anUnreadableRequestIsCountedAndNothingIsTransmitted() {
        relay.onMessage("{\"v\":1,\"queuedAt\":\"2026-01-01T00:00:00Z\"}".getBytes());

        assertThat(transmitted).isEmpty();
        assertThat(published).isEmpty();
        assertThat(metrics()).containsEntry("uplink.downlinks.unreadable", 1L);
        assertThat(warnings).singleElement().asString().startsWith("Unreadable downlink request ignored");
    }
}
