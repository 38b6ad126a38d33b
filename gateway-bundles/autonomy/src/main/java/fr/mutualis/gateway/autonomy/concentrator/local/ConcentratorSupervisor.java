package fr.mutualis.gateway.autonomy.concentrator.local;

import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.concentrator.SilenceWatch;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import fr.mutualis.hardware.io.ConcentratorReset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Resets the concentrator when the packet forwarder falls silent (its keep-alives and uplinks,
 * as the packet-forwarder server counts them, stop moving), logs the reset as a local action (so
 * the fleet hears of it) and counts it. Active only where a reset line is configured.
 */
@Component(service = MetricsSource.class, immediate = true, configurationPid = ConcentratorSupervisor.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ConcentratorSupervisor.Config.class)
public class ConcentratorSupervisor implements MetricsSource {

    public static final String PID = "fr.mutualis.autonomy.concentrator";
    /** The packet-forwarder server's counters whose sum shows the forwarder is alive. */
    static final List<String> TRAFFIC = List.of("ingest.gwmp.pull_data", "ingest.gwmp.push_data");

    @ObjectClassDefinition(name = "Concentrator supervision", description = "Resets the concentrator when the"
            + " packet forwarder falls silent.")
    public @interface Config {
        @AttributeDefinition(name = "Silence before a reset (s)", min = "30")
        int silenceSeconds() default 300;

        @AttributeDefinition(name = "Quick resets", description = "Resets in a row before slowing down.", min = "1")
        int quickResets() default 3;

        @AttributeDefinition(name = "Slow interval (s)", description = "Between resets once the quick ones failed.",
                min = "60")
        int slowIntervalSeconds() default 3600;
    }

    private final ConcentratorReset reset;
    private final ActionLog actions;
    private final GatewayClock clock;
    private final Logger log;
    private final SilenceWatch watch;
    private final LongSupplier monotonic;
    private volatile MetricsSource forwarderServer;
    private final ScheduledExecutorService scheduler;

    @Activate
    public ConcentratorSupervisor(Config config, @Reference ConcentratorReset reset, @Reference ActionLog actions,
                                  @Reference GatewayClock clock, @Reference(service = LoggerFactory.class) Logger log) {
        this(reset, actions, clock, log, new SilenceWatch(Duration.ofSeconds(config.silenceSeconds()),
                config.quickResets(), Duration.ofSeconds(config.slowIntervalSeconds())), System::nanoTime, true);
    }

    ConcentratorSupervisor(ConcentratorReset reset, ActionLog actions, GatewayClock clock, Logger log,
                           SilenceWatch watch, LongSupplier monotonic, boolean schedule) {
        this.reset = reset;
        this.actions = actions;
        this.clock = clock;
        this.log = log;
        this.watch = watch;
        this.monotonic = monotonic;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-concentrator-watch");
            thread.setDaemon(true);
            return thread;
        });
        if (schedule) {
            scheduler.scheduleWithFixedDelay(this::checkSafely, 10, 10, TimeUnit.SECONDS);
        }
    }

    /** The packet-forwarder server's counters; absent while it is not running (reconfigured, no port). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(component.name=fr.mutualis.gateway.ingest.gwmp.GwmpServer)", unbind = "unsetForwarderServer")
    void setForwarderServer(MetricsSource server) {
        this.forwarderServer = server;
    }

    void unsetForwarderServer(MetricsSource server) {
        if (this.forwarderServer == server) {
            this.forwarderServer = null;
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Concentrator supervision failed: {}", e.toString());
        }
    }

    /** One look at the forwarder's traffic; resets the concentrator if it has been silent too long. */
    void check() {
        Long traffic = traffic();
        if (traffic == null) {
            return; // no packet-forwarder server running: nothing to judge the concentrator by
        }
        long now = monotonic.getAsLong();
        if (!watch.shouldReset(traffic, now)) {
            return;
        }
        Duration silent = watch.silentFor(now);
        log.warn("Packet forwarder silent for {} s: resetting the concentrator", silent.toSeconds());
        reset.reset();
        watch.resetDone(now);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("silentSeconds", Long.toString(silent.toSeconds()));
        details.put("resetsInARow", Integer.toString(watch.resetsInARow()));
        try {
            actions.append(new RecordedAction(clock.now(), "concentrator.reset", "concentrator", details));
        } catch (RuntimeException e) {
            log.error("Concentrator reset not logged: {}", e.getMessage());
        }
    }

    private Long traffic() {
        MetricsSource server = forwarderServer;
        if (server == null) {
            return null;
        }
        Map<String, Number> metrics = server.metrics();
        long total = 0;
        for (String key : TRAFFIC) {
            Number value = metrics.get(key);
            total += value == null ? 0 : value.longValue();
        }
        return total;
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("autonomy.concentrator.resets", reset.resets());
        metrics.put("autonomy.concentrator.resets.in.a.row", watch.resetsInARow());
        return metrics;
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
