package fr.mutualis.gateway.api;

import fr.mutualis.contract.HealthReport;
import fr.mutualis.contract.Reading;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The link to the fleet. Implementations own the connection (reconnection, session, birth and
 * last will); callers only publish and learn whether the broker took the message.
 */
public interface UplinkTransport {

    /** True while the transport believes it can publish. */
    boolean isConnected();

    /**
     * When the current connection was established, or null when not connected. Readings received
     * before this instant waited for the link (they are delivered late); readings received after
     * it are live, even if the forwarder notices the connection a moment later.
     */
    java.time.Instant connectedSince();

    /**
     * Publishes readings of this gateway in one message. The future completes when the broker has
     * acknowledged it (MQTT QoS 1 PUBACK), or exceptionally with an {@link UplinkException}: the
     * readings must then be kept and sent again (the fleet stores them idempotently). Several
     * publications may be in flight at once; the caller bounds how many.
     */
    CompletableFuture<Void> publishReadings(List<Reading> readings);

    /** Publishes a health report, best effort: a lost report is replaced by the next one. */
    void publishHealth(HealthReport report) throws UplinkException;

    /** The id of the current MQTT session, as announced in the birth message; empty when not connected. */
    String sessionId();
}
