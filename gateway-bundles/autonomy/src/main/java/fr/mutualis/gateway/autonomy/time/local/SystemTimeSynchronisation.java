package fr.mutualis.gateway.autonomy.time.local;

import fr.mutualis.gateway.autonomy.time.GatewayClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Network time, when there is a network: systemd-timesyncd touches a marker file each time it
 * synchronises the system clock, so its modification time is when the system clock was last set by
 * NTP. Without network the file stops changing and the clock's assessed error grows from that
 * synchronisation, until the concentrator's GPS time, if any, takes over.
 */
@Component(service = {}, immediate = true, configurationPid = SystemTimeSynchronisation.PID)
@Designate(ocd = SystemTimeSynchronisation.Config.class)
public class SystemTimeSynchronisation {

    public static final String PID = "fr.mutualis.autonomy.clock.ntp";

    @ObjectClassDefinition(name = "Network time", description = "Notices the system clock's NTP synchronisations.")
    public @interface Config {
        @AttributeDefinition(name = "Marker file", description = "Touched by the NTP client at each synchronisation"
                + " (systemd-timesyncd's by default).")
        String markerFile() default "/run/systemd/timesync/synchronized";

        @AttributeDefinition(name = "Error (ms)", description = "The NTP synchronisation's own error.", min = "1")
        int errorMillis() default 100;

        @AttributeDefinition(name = "Check interval (s)", min = "1")
        int checkSeconds() default 60;

        @AttributeDefinition(name = "Crystal drift (ppm)", description = "How fast the system clock may drift away"
                + " after a synchronisation (as the gateway clock's).")
        double driftPpm() default 20;
    }

    private final GatewayClock clock;
    private final Path marker;
    private final Duration error;
    private final double driftPpm;
    private final ScheduledExecutorService scheduler;
    private Instant lastSeen = Instant.MIN;

    @Activate
    public SystemTimeSynchronisation(Config config, @Reference GatewayClock clock) {
        this(config, clock, true);
    }

    private SystemTimeSynchronisation(Config config, GatewayClock clock, boolean watching) {
        this.clock = clock;
        this.marker = Path.of(config.markerFile());
        this.error = Duration.ofMillis(config.errorMillis());
        this.driftPpm = config.driftPpm();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-ntp-watch");
            thread.setDaemon(true);
            return thread;
        });
        if (watching) {
            scheduler.scheduleWithFixedDelay(this::check, 0, config.checkSeconds(), TimeUnit.SECONDS);
        }
    }

    /** For tests that call {@link #check()} themselves: no background check racing them. */
    static SystemTimeSynchronisation checkedByHand(Config config, GatewayClock clock) {
        return new SystemTimeSynchronisation(config, clock, false);
    }

    /** Tells the clock of a synchronisation newer than the last one seen; returns whether there was one. */
    synchronized boolean check() {
        try {
            Instant modified = Files.getLastModifiedTime(marker).toInstant();
            if (modified.isAfter(lastSeen)) {
                lastSeen = modified;
                // timesyncd may poll only every half hour and the agent may have just restarted: an older
                // marker still counts, with the drift since it was written (the marker lives in /run, so it
                // never predates this boot's clock setting).
                Duration age = Duration.between(modified, Instant.now());
                Duration drift = Duration.ofNanos(Math.round(Math.max(0, age.toNanos()) * driftPpm / 1e6));
                clock.synchronised(error.plus(drift));
                return true;
            }
        } catch (NoSuchFileException e) {
            // No NTP client of this kind, or never synchronised since boot: nothing to tell.
        } catch (IOException e) {
            // Unreadable marker: the clock keeps its own assessment, which only grows more cautious.
        }
        return false;
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
