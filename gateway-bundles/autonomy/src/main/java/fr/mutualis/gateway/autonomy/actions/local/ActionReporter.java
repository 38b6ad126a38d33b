package fr.mutualis.gateway.autonomy.actions.local;

import fr.mutualis.contract.LocalAction;
import fr.mutualis.contract.LocalActionBatch;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.LocalActionSender;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.UplinkException;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.SequencedAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Reports the action log to the fleet: every few seconds, whatever has not been acknowledged yet
 * goes out in batches, oldest first, and is marked reported once the broker acknowledged it to a
 * subscriber (the fleet's persistent session; a "no matching subscribers" answer counts as not
 * delivered). While the uplink is absent or down the log keeps everything, and the next attempt
 * after the reconnection sends all of it, so a gateway that ran the lights alone for two days tells
 * the fleet everything it did as soon as it can.
 */
@Component(service = MetricsSource.class, immediate = true, configurationPid = ActionReporter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ActionReporter.Config.class)
public class ActionReporter implements MetricsSource {

    public static final String PID = "fr.mutualis.autonomy.reporting";
    static final int BATCH = 100;

    @ObjectClassDefinition(name = "Local action reporting", description = "Sends the local action log to the fleet.")
    public @interface Config {
        @AttributeDefinition(name = "Attempt interval (s)",
                description = "How often unreported actions are sent when the fleet can be reached.", min = "1")
        int intervalSeconds() default 5;
    }

    private final ActionLog log;
    private final GatewayIdentity identity;
    private final Logger logger;
    private final ScheduledExecutorService scheduler;
    private volatile LocalActionSender sender;
    private final AtomicLong reported = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    @Activate
    public ActionReporter(Config config, @Reference ActionLog log, @Reference GatewayIdentity identity,
                          @Reference(service = LoggerFactory.class) Logger logger) {
        this.log = log;
        this.identity = identity;
        this.logger = logger;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-action-reporter");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::reportSafely, 0, config.intervalSeconds(), TimeUnit.SECONDS);
    }

    /** Optional and dynamic: the rules run without an uplink, and the uplink restarts when reconfigured. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetSender")
    void setSender(LocalActionSender sender) {
        this.sender = sender;
        scheduler.execute(this::reportSafely);
    }

    void unsetSender(LocalActionSender sender) {
        if (this.sender == sender) {
            this.sender = null;
        }
    }

    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            logger.warn("Local actions not reported: {}", e.toString());
        }
    }

    /** Sends batches until nothing is left or the fleet cannot be reached. */
    void report() {
        LocalActionSender current = sender;
        if (current == null) {
            return;
        }
        List<SequencedAction> pending = log.unreported(BATCH);
        while (!pending.isEmpty()) {
            List<LocalAction> actions = new ArrayList<>(pending.size());
            for (SequencedAction sequenced : pending) {
                actions.add(new LocalAction(sequenced.sequence(), sequenced.action().at(), sequenced.action().kind(),
                        sequenced.action().subject(), sequenced.action().details()));
            }
            try {
                current.sendLocalActions(new LocalActionBatch(LocalActionBatch.VERSION, identity.gatewayId(),
                        identity.commune(), actions));
            } catch (UplinkException e) {
                // Not connected, or the broker did not acknowledge: kept, tried again at the next interval.
                failures.incrementAndGet();
                return;
            }
            long last = pending.get(pending.size() - 1).sequence();
            log.markReported(last);
            reported.addAndGet(pending.size());
            pending = log.unreported(BATCH);
        }
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("autonomy.actions.reported", reported.get());
        metrics.put("autonomy.actions.report.failures", failures.get());
        return metrics;
    }

    /**
     * Lets a report in progress finish rather than interrupting it: an interrupt in the middle of a
     * file read would close the action log's channel under every other writer.
     */
    @Deactivate
    void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(15, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
    }
}
