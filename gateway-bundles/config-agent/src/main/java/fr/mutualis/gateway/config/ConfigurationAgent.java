package fr.mutualis.gateway.config;

import fr.mutualis.contract.ConfigurationPids;
import fr.mutualis.contract.AttributeType;
import fr.mutualis.contract.ConfigurationOutcome;
import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.ReportedComponent;
import fr.mutualis.gateway.api.DesiredConfigurationListener;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.UplinkException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway's side of remote configuration. It receives the fleet's desired configuration
 * (retained on the {@code config} channel, so delivered at every connection), applies each new
 * version atomically ({@link AtomicApply}) on its own thread, and reports the components'
 * schemas, their values and the outcome on {@code configstate}: when the uplink connects, after
 * every apply, and shortly after any local configuration change.
 *
 * <p>It holds no reference to the uplink ({@link UplinkLookup}): applying a configuration may
 * restart the uplink, and the agent must keep running through that to judge and, if needed, undo it.
 * It never applies a configuration to itself or to the gateway's identity.
 */
@Component(immediate = true, configurationPid = ConfigurationAgent.PID,
        service = {DesiredConfigurationListener.class, ConfigurationListener.class, MetricsSource.class})
@Designate(ocd = ConfigurationAgent.Config.class)
public class ConfigurationAgent implements DesiredConfigurationListener, ConfigurationListener, MetricsSource {

    public static final String PID = "fr.mutualis.gateway.config";
    static final String IDENTITY_PID = "fr.mutualis.gateway.identity";
    /** Framework property naming the data directory; set by the launcher. */
    static final String DATA_DIR_PROPERTY = "mutualis.data.dir";
    /** The enrolment: how this device obtained and renews its own certificate. */
    static final String ENROLMENT_PID = "fr.mutualis.gateway.enrolment";

    /**
     * Never configured remotely: the agent itself, the identity and enrolment, the component runtime
     * that judges an apply, and the hardware wiring (pin maps, reset line, watchdog device), which only
     * the technician who wired the cabinet knows: a push must not move a reset pulse onto a contactor.
     */
    private static final Set<String> LOCAL_ONLY = Set.of(PID, IDENTITY_PID, ENROLMENT_PID, "org.apache.felix.scr.ScrService",
            "fr.mutualis.hardware.board", "fr.mutualis.hardware.outputs", "fr.mutualis.hardware.inputs",
            "fr.mutualis.hardware.status.led", "fr.mutualis.hardware.concentrator.reset", "fr.mutualis.hardware.watchdog");

    @ObjectClassDefinition(name = "Remote configuration agent",
            description = "Applies the fleet's desired configuration atomically and rolls it back if unhealthy.")
    public @interface Config {
        @AttributeDefinition(name = "Health window (s)", min = "1",
                description = "How long a new configuration has to prove healthy (components active, uplink "
                        + "connected) before it is rolled back.")
        int healthWindowSeconds() default 30;

        @AttributeDefinition(name = "Settle time (ms)", min = "0",
                description = "How long the checks must stay healthy before a configuration is committed.")
        int settleMillis() default 1000;

        @AttributeDefinition(name = "Pause between components (ms)", min = "0",
                description = "Test hook: a pause after updating each component, to widen the window a crash test aims at.")
        int applyPauseMillis() default 0;
    }

    private final Logger log;
    private final BundleContext context;
    private final GatewayIdentity identity;
    private final MetaTypeService metaType;
    private final ConfigAdminAccess admin;
    private final AtomicApply transaction;
    private final ScheduledExecutorService worker;
    private final AtomicReference<DesiredConfiguration> pending = new AtomicReference<>();
    private final AtomicBoolean applying = new AtomicBoolean();
    private volatile Config config;
    private volatile AgentState state = AgentState.INITIAL;
    private volatile String reportedSession = "";
    private ScheduledFuture<?> reportAfterChange;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong reportsSent = new AtomicLong();
    private final AtomicLong reportFailures = new AtomicLong();

    private final UplinkLookup uplink;

    @Activate
    public ConfigurationAgent(Config config, BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
                              @Reference MetaTypeService metaType, @Reference ServiceComponentRuntime scr,
                              @Reference GatewayIdentity identity,
                              @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.config = config;
        this.context = context;
        this.identity = identity;
        this.metaType = metaType;
        this.log = log;
        this.admin = new ConfigAdminAccess(configurationAdmin);
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        Path directory = dataDir != null ? Path.of(dataDir, "config-agent") : context.getDataFile("config-agent").toPath();
        AgentStateFiles files = new AgentStateFiles(directory);
        this.uplink = new UplinkLookup(context);
        ApplyHealthCheck health = new ApplyHealthCheck(context, scr, uplink::isConnected);
        this.transaction = new AtomicApply(admin, files, health, log, () -> new AtomicApply.Timing(
                Duration.ofSeconds(this.config.healthWindowSeconds()), Duration.ofMillis(this.config.settleMillis()),
                Duration.ofMillis(this.config.applyPauseMillis())));
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-config-agent");
            thread.setDaemon(true);
            return thread;
        });
        // Recovery comes first on the worker, before any desired configuration is looked at.
        worker.execute(() -> {
            try {
                state = transaction.recover(files.readState());
            } catch (IOException | RuntimeException e) {
                log.error("Cannot read or recover the configuration agent's state in {}: {}", directory, e.toString());
            }
        });
        worker.scheduleWithFixedDelay(this::reportOnNewConnection, 1, 1, TimeUnit.SECONDS);
        context.addBundleListener(bundlesChanged);
    }

    /**
     * Bundles still starting when the uplink connected (a Pi starts them over several seconds), or
     * installed by an update, bring configurable components the first report did not list: report
     * again once they are up, or the fleet would refuse a push to them.
     */
    private final BundleListener bundlesChanged = event -> {
        if (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED) {
            reportSoon();
        }
    };

    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeBundleListener(bundlesChanged);
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void desiredConfigurationReceived(DesiredConfiguration desired) {
        // Only the latest matters: a version superseded while an apply runs is never applied.
        if (pending.getAndSet(desired) == null) {
            worker.execute(this::handlePending);
        }
    }

    private void handlePending() {
        DesiredConfiguration desired = pending.getAndSet(null);
        if (desired == null) {
            return;
        }
        if (!identity.gatewayId().equals(desired.gatewayId()) || !identity.commune().equals(desired.commune())) {
            foreign.incrementAndGet();
            log.warn("Desired configuration for {}/{} ignored: this gateway is {}/{}", desired.gatewayId(),
                    desired.commune(), identity.gatewayId(), identity.commune());
            return;
        }
        AgentState current = state;
        if (desired.version() == current.appliedVersion() && current.outcome() == ConfigurationOutcome.APPLIED
                || desired.version() == current.attemptedVersion()) {
            return; // already applied, or already tried and refused or rolled back: only a new version is tried
        }
        if (desired.version() < Math.max(current.appliedVersion(), current.attemptedVersion())) {
            stale.incrementAndGet();
            log.info("Desired configuration version {} ignored: version {} is newer", desired.version(),
                    Math.max(current.appliedVersion(), current.attemptedVersion()));
            return;
        }
        applying.set(true);
        try {
            state = current.attempt(desired.version(), ConfigurationOutcome.APPLYING, null);
            report();
            state = transaction.apply(current, desired, ComponentCatalogue.read(context, metaType, LOCAL_ONLY));
            switch (state.outcome()) {
                case APPLIED -> applied.incrementAndGet();
                case REFUSED -> refused.incrementAndGet();
                default -> rolledBack.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            log.error("Configuration version {} could not be applied: {}", desired.version(), e.toString());
            state = undoAfterFailure(current, desired.version(), e);
            rolledBack.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the journal, if written, is recovered at the next start
        } finally {
            applying.set(false);
        }
        report();
    }

    /** The agent itself failed during an apply: whatever it had started changing goes back to the last known good. */
    private AgentState undoAfterFailure(AgentState current, long version, Exception failure) {
        AgentState failed = current.attempt(version, ConfigurationOutcome.ROLLED_BACK, "agent error: " + failure);
        try {
            return transaction.recover(failed, "agent error: " + failure);
        } catch (IOException | RuntimeException e) {
            log.error("Cannot roll back configuration version {}: {}; the next start will retry", version, e.toString());
            return failed;
        }
    }

    /** Local changes (the installer's file, an operator on the console) are reported a moment later, in one report. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (LOCAL_ONLY.contains(event.getPid()) || applying.get()) {
            return;
        }
        reportSoon();
    }

    /** One report a moment later for a burst of changes. */
    private void reportSoon() {
        synchronized (this) {
            if (reportAfterChange != null && !reportAfterChange.isDone()) {
                return;
            }
            try {
                reportAfterChange = worker.schedule(this::report, 2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // deactivated
            }
        }
    }

    private void reportOnNewConnection() {
        String session = uplink.sessionId();
        if (!session.isEmpty() && !session.equals(reportedSession) && report()) {
            reportedSession = session;
        }
    }

    /** Sends the report now; returns whether the broker took it. */
    private boolean report() {
        try {
            uplink.send(buildReport());
            reportsSent.incrementAndGet();
            return true;
        } catch (UplinkException | IOException | RuntimeException e) {
            reportFailures.incrementAndGet();
            log.debug("Configuration report not sent: {}", e.getMessage());
            return false;
        }
    }

    private ConfigurationReport buildReport() throws IOException {
        AgentState current = state;
        List<ReportedComponent> components = new ArrayList<>();
        for (ReportedComponent schema : ComponentCatalogue.read(context, metaType, LOCAL_ONLY).values()) {
            components.add(withValues(schema, schema.pid()));
            if (schema.pid().endsWith(String.valueOf(ConfigurationPids.FACTORY_SEPARATOR))) {
                // A factory's schema, then each of its instances (circuits, rules) with its values.
                String factoryPid = schema.pid().substring(0, schema.pid().length() - 1);
                for (String instance : admin.instances(factoryPid)) {
                    components.add(withValues(schema, instance));
                }
            }
        }
        return new ConfigurationReport(ConfigurationReport.VERSION, identity.gatewayId(), identity.commune(),
                Instant.now(), current.appliedVersion(), current.attemptedVersion(), current.outcome(), current.error(),
                components);
    }

    /** The schema, reported for {@code pid} with the PID's current values (passwords masked). */
    private ReportedComponent withValues(ReportedComponent schema, String pid) throws IOException {
        Map<String, Object> values = new TreeMap<>();
        Map<String, Object> properties = admin.current(pid);
        if (properties != null) {
            Map<String, AttributeType> types = new LinkedHashMap<>();
            schema.attributes().forEach(attribute -> types.put(attribute.id(), attribute.type()));
            properties.forEach((key, value) -> values.put(key, types.get(key) == AttributeType.PASSWORD
                    ? ReportedComponent.MASKED : PropertyValues.toJson(value)));
        }
        return new ReportedComponent(pid, schema.name(), schema.description(), schema.attributes(), values);
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new TreeMap<>();
        AgentState current = state;
        metrics.put("config.version.applied", current.appliedVersion());
        metrics.put("config.version.attempted", current.attemptedVersion());
        metrics.put("config.applied", applied.get());
        metrics.put("config.rolled_back", rolledBack.get());
        metrics.put("config.refused", refused.get());
        metrics.put("config.desired.foreign", foreign.get());
        metrics.put("config.desired.stale", stale.get());
        metrics.put("config.reports.sent", reportsSent.get());
        metrics.put("config.reports.failed", reportFailures.get());
        return metrics;
    }

}
