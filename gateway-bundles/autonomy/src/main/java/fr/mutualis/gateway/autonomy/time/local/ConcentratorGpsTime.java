package fr.mutualis.gateway.autonomy.time.local;

import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.StoredFrameListener;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The concentrator's GPS time as a time source that needs no network. A packet forwarder with a
 * GPS fix stamps each received frame with the GPS time of its reception ({@code tmms}, milliseconds
 * since the GPS epoch, without leap seconds); the agent noted its own system time when the datagram
 * arrived. Their difference, less the leap seconds, is how wrong the system clock is, to within the
 * forwarder's latency. No fix, no {@code tmms}: the clock then runs on the RTC and its assessed
 * error grows, until the lighting falls back to "lit".
 */
@Component(service = {StoredFrameListener.class, MetricsSource.class}, configurationPid = ConcentratorGpsTime.PID)
@Designate(ocd = ConcentratorGpsTime.Config.class)
public class ConcentratorGpsTime implements StoredFrameListener, MetricsSource {

    public static final String PID = "fr.mutualis.autonomy.clock.gps";
    static final Instant GPS_EPOCH = Instant.parse("1980-01-06T00:00:00Z");

    @ObjectClassDefinition(name = "Concentrator GPS time", description = "Disciplines the gateway clock with the"
            + " GPS time the packet forwarder puts on received frames.")
    public @interface Config {
        @AttributeDefinition(name = "GPS leap seconds", description = "GPS time minus UTC (18 since 2017; changes"
                + " only when a leap second is announced).", min = "0")
        int leapSeconds() default 18;

        @AttributeDefinition(name = "Error (ms)", description = "Worst delay between reception and the datagram"
                + " reaching the agent: the error of this source.", min = "1")
        int errorMillis() default 1000;
    }

    private final GatewayClock clock;
    private final Duration leapSeconds;
    private final Duration error;
    private final AtomicLong observations = new AtomicLong();
    private volatile Duration lastOffset;

    @Activate
    public ConcentratorGpsTime(Config config, @Reference GatewayClock clock) {
        this(clock, config.leapSeconds(), Duration.ofMillis(config.errorMillis()));
    }

    ConcentratorGpsTime(GatewayClock clock, int leapSeconds, Duration error) {
        this.clock = clock;
        this.leapSeconds = Duration.ofSeconds(leapSeconds);
        this.error = error;
    }

    @Override
    public void stored(List<ClassifiedFrame> frames) {
        // The newest frame with GPS time is enough: one observation per batch.
        for (int i = frames.size() - 1; i >= 0; i--) {
            RadioMetadata radio = frames.get(i).frame().radio();
            if (radio != null && radio.gpsTimeMillis() != null && radio.gpsTimeMillis() > 0) {
                Instant utc = GPS_EPOCH.plusMillis(radio.gpsTimeMillis()).minus(leapSeconds);
                Instant local = frames.get(i).frame().receivedAt();
                lastOffset = Duration.between(local, utc);
                clock.observed(utc, local, error);
                observations.incrementAndGet();
                return;
            }
        }
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("autonomy.clock.gps.observations", observations.get());
        Duration offset = lastOffset;
        if (offset != null) {
            metrics.put("autonomy.clock.gps.offset.ms", offset.toMillis());
        }
        return metrics;
    }
}
