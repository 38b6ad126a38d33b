package fr.mutualis.gateway.api;

import fr.mutualis.contract.HealthReport;
import fr.mutualis.contract.Reading;
import java.time.Duration;
import java.util.List;

/**
 * The link to the fleet. Implementations own the connection (reconnection, session, birth and
 * last will); callers only publish and learn whether the broker took the message.
 */
public interface UplinkTransport {

    /** True while the transport believes it can publish. */
    boolean isConnected();

    /**
     * Publishes readings of this gateway in one message and waits until the broker has
     * acknowledged it (MQTT QoS 1 PUBACK) or the timeout passes.
     *
     * @throws UplinkException when the broker did not acknowledge: the readings must be kept and
     *                         sent again (the fleet stores them idempotently)
     */
    void publishReadings(List<Reading> readings, Duration timeout) throws UplinkException;

    /** Publishes a health report, best effort: a lost report is replaced by the next one. */
    void publishHealth(HealthReport report) throws UplinkException;

    /** The id of the current MQTT session, as announced in the birth message; empty when not connected. */
    String sessionId();
}
