package fr.mutualis.gateway.autonomy.time;

import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's time for local decisions, with how far it can be trusted. One service, so that
 * the lighting, the alarm rules and the console all read the same clock, and so that a test can
 * replace the time base (register a {@link java.time.Clock} service) to compress days into seconds.
 */
public interface GatewayClock {

    Instant now();

    ClockQuality quality();

    /** A time source (NTP, the concentrator's GPS time) has just set the clock to within {@code sourceError}. */
    void synchronised(Duration sourceError);

    /**
     * A time source says that when the system clock read {@code local}, the true time was {@code reference},
     * to within {@code sourceError}. The agent cannot set the system clock (it does not run as root):
     * the gateway clock corrects its reading by the difference instead, and is synchronised.
     */
    void observed(Instant reference, Instant local, Duration sourceError);
}
