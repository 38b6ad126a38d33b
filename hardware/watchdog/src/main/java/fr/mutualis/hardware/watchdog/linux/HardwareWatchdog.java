package fr.mutualis.hardware.watchdog.linux;

import fr.mutualis.hardware.watchdog.AgentHeartbeat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Kicks the hardware watchdog while the agent's heartbeat is fresh, and stops kicking when it is
 * not, so that the watchdog resets a hung gateway. It only runs when configured: opening
 * {@code /dev/watchdog} arms a timer that reboots the board if nobody writes to it. Immediate: a
 * delayed component would only start kicking once somebody asked for the heartbeat service.
 */
@Component(configurationPid = HardwareWatchdog.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = AgentHeartbeat.class)
@Designate(ocd = HardwareWatchdog.Config.class)
public class HardwareWatchdog implements AgentHeartbeat {

    public static final String PID = "fr.mutualis.hardware.watchdog";

    @ObjectClassDefinition(name = "Hardware watchdog",
            description = "Kicks the Linux watchdog device while the agent sends heartbeats.")
    public @interface Config {
        @AttributeDefinition(name = "Device", description = "The watchdog character device.")
        String device() default "/dev/watchdog";

        @AttributeDefinition(name = "Kick interval (ms)", min = "10",
                description = "Well under the driver's timeout (15 s on a Raspberry Pi).")
        long kickIntervalMillis() default 5_000;

        @AttributeDefinition(name = "Heartbeat timeout (ms)", min = "10",
                description = "How old the last heartbeat may be before kicking stops.")
        long heartbeatTimeoutMillis() default 60_000;

        @AttributeDefinition(name = "Disarm on planned stop",
                description = "Write the magic 'V' when the component stops cleanly (e.g. an update), so the"
                        + " board is not reset; a crash or kill still lets the watchdog fire.")
        boolean disarmOnStop() default true;
    }

    private final Logger log;
    private final HeartbeatMonitor monitor;
    private final WatchdogDevice device;
    private final boolean disarmOnStop;
    private final ScheduledExecutorService scheduler;
    private volatile boolean kicking = true;

    @Activate
    public HardwareWatchdog(Config config, @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this(config, log, Clock.systemUTC(), true);
    }

    /** With {@code schedule} false nothing runs by itself: tests call {@link #tick()}. */
    HardwareWatchdog(Config config, Logger log, Clock clock, boolean schedule) throws IOException {
        this.log = log;
        this.monitor = new HeartbeatMonitor(clock, Duration.ofMillis(config.heartbeatTimeoutMillis()));
        this.disarmOnStop = config.disarmOnStop();
        this.device = WatchdogDevice.open(Path.of(config.device()));
        log.info("Watchdog {} armed: kicked every {} ms while heartbeats are at most {} ms old", config.device(),
                config.kickIntervalMillis(), config.heartbeatTimeoutMillis());
        if (schedule) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mutualis-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::tick, 0, config.kickIntervalMillis(), TimeUnit.MILLISECONDS);
        } else {
            scheduler = null;
        }
    }

    @Override
    public void beat() {
        monitor.beat();
    }

    /** One round: kick if the heartbeat is fresh. Never throws, or the scheduler would stop for good. */
    void tick() {
        try {
            if (monitor.healthy()) {
                device.kick();
                if (!kicking) {
                    kicking = true;
                    log.warn("Heartbeat back: kicking the watchdog {} again", device.path());
                }
            } else if (kicking) {
                kicking = false;
                log.error("No heartbeat since {}: no longer kicking the watchdog {}; the board will reset",
                        monitor.lastBeat(), device.path());
            }
        } catch (IOException | RuntimeException e) {
            log.error("Could not kick the watchdog {}", device.path(), e);
        }
    }

    boolean kicking() {
        return kicking;
    }

    @Deactivate
    void deactivate() throws InterruptedException, IOException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
        device.close(disarmOnStop);
        log.info(disarmOnStop ? "Watchdog {} disarmed" : "Watchdog {} closed armed", device.path());
    }
}
