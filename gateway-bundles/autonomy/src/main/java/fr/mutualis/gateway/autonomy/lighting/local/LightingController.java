package fr.mutualis.gateway.autonomy.lighting.local;

import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.autonomy.lighting.LightingDecision;
import fr.mutualis.gateway.autonomy.lighting.ManualOverride;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import fr.mutualis.hardware.io.DigitalOutputs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
 * Drives the lighting circuits' outputs: every {@code evaluationSeconds} each configured
 * {@link CircuitRule} is evaluated at the {@link GatewayClock}'s time and quality, a manual
 * override in force wins over it, and the output is set when it differs. Every switch, override
 * and expiry goes to the {@link ActionLog}. Runs whether or not the backhaul is up: nothing here
 * waits for the fleet.
 */
@Component(service = {LightingControl.class, MetricsSource.class}, configurationPid = LightingController.PID,
        immediate = true)
@Designate(ocd = LightingController.Config.class)
public class LightingController implements LightingControl, MetricsSource {

    public static final String PID = "fr.mutualis.autonomy.lighting";
    public static final String OVERRIDES_FILE = "lighting-overrides.tsv";

    @ObjectClassDefinition(name = "Lighting", description = "How often the lighting circuits are evaluated.")
    public @interface Config {
        @AttributeDefinition(name = "Evaluation interval (s)", min = "1")
        int evaluationSeconds() default 30;
    }

    private final DigitalOutputs outputs;
    private final GatewayClock clock;
    private final ActionLog actions;
    private final Logger log;
    private final OverrideStore overrideStore;
    private final Map<String, CircuitRule> rules = new TreeMap<>();
    /** Configurations not run because another circuit has their name or drives their output. */
    private final List<CircuitRule> conflicting = new ArrayList<>();
    private final Map<String, ManualOverride> overrides = new LinkedHashMap<>();
    private final Map<String, CircuitStatus> statuses = new TreeMap<>();
    private final Set<String> failing = new HashSet<>();
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong switches = new AtomicLong();
    private final AtomicLong outputFailures = new AtomicLong();
    private final AtomicLong overridesRequested = new AtomicLong();
    private final AtomicLong overridesRefused = new AtomicLong();
    private final AtomicLong unreadableOverrides = new AtomicLong();
    private ScheduledExecutorService scheduler;

    @Activate
    public LightingController(Config config, BundleContext context, @Reference DigitalOutputs outputs,
                              @Reference GatewayClock clock, @Reference ActionLog actions,
                              @Reference(service = LoggerFactory.class) Logger log) {
        this(JsonLinesActionLog.dataDirectory(context).resolve(OVERRIDES_FILE), outputs, clock, actions, log);
        startEvaluating(Duration.ofSeconds(config.evaluationSeconds()));
    }

    /** Without a timer: the caller evaluates (tests drive a compressed clock this way). */
    public LightingController(Path overridesFile, DigitalOutputs outputs, GatewayClock clock, ActionLog actions,
                              Logger log) {
        this.outputs = outputs;
        this.clock = clock;
        this.actions = actions;
        this.log = log;
        this.overrideStore = new OverrideStore(overridesFile);
        OverrideStore.Loaded loaded = overrideStore.load();
        loaded.overrides().forEach(override -> overrides.put(override.circuit(), override));
        if (!loaded.unreadable().isEmpty()) {
            unreadableOverrides.addAndGet(loaded.unreadable().size());
            log.error("Ignored unreadable overrides in {}: {}", overridesFile, loaded.unreadable());
        }
        if (!overrides.isEmpty()) {
            log.info("Manual overrides restored: {}", overrides.values());
        }
    }

    private void startEvaluating(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-lighting");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::evaluateQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addCircuit(CircuitRule rule) {
        admit(rule);
    }

    public synchronized void removeCircuit(CircuitRule rule) {
        if (conflicting.remove(rule)) {
            return;
        }
        if (rules.remove(rule.circuit(), rule)) {
            statuses.remove(rule.circuit());
            // A configuration set aside because of this one may run now.
            for (CircuitRule waiting : List.copyOf(conflicting)) {
                conflicting.remove(waiting);
                admit(waiting);
            }
        }
    }

    /**
     * Runs a circuit unless another one already has its name or drives its output: two rules on
     * one contactor would switch it back and forth. The later configuration waits, reported, until
     * the earlier one is removed.
     */
    private void admit(CircuitRule rule) {
        CircuitRule sameName = rules.get(rule.circuit());
        CircuitRule sameOutput = rules.values().stream()
                .filter(other -> other != rule && other.output().equals(rule.output())).findFirst().orElse(null);
        if (sameName != null && sameName != rule || sameOutput != null) {
            conflicting.add(rule);
            log.error(sameName != null && sameName != rule
                    ? "Circuit '" + rule.circuit() + "' is configured twice: this configuration waits until the other is removed"
                    : "Circuit '" + rule.circuit() + "' would drive output '" + rule.output() + "', already driven by circuit '"
                            + sameOutput.circuit() + "': it waits until that circuit is removed or moved");
            return;
        }
        rules.put(rule.circuit(), rule);
        // A circuit configured (or reconfigured) now is applied now, not at the next tick.
        try {
            apply(rule, clock.now(), clock.quality());
        } catch (RuntimeException e) {
            log.error("Circuit '{}' could not be evaluated: {}", rule.circuit(), e.getMessage());
        }
    }

    private void evaluateQuietly() {
        try {
            evaluateNow();
        } catch (RuntimeException e) {
            // The timer must outlive any surprise: a dead timer would freeze the lights in their last state.
            log.error("Lighting evaluation failed", e);
        }
    }

    @Override
    public synchronized List<CircuitStatus> evaluateNow() {
        Instant now = clock.now();
        ClockQuality quality = clock.quality();
        expireOverrides(now);
        for (CircuitRule rule : rules.values()) {
            apply(rule, now, quality);
        }
        evaluations.incrementAndGet();
        return circuits();
    }

    @Override
    public synchronized List<CircuitStatus> circuits() {
        return new ArrayList<>(statuses.values());
    }

    @Override
    public synchronized CircuitStatus override(String circuit, OutputState state, Duration duration,
                                               String requestedBy) {
        CircuitRule rule = rules.get(circuit);
        if (rule == null) {
            overridesRefused.incrementAndGet();
            throw new IllegalArgumentException("no lighting circuit '" + circuit + "'; configured: " + rules.keySet());
        }
        if (state == null || duration == null || duration.isNegative() || duration.isZero()
                || duration.compareTo(MAX_OVERRIDE) > 0) {
            overridesRefused.incrementAndGet();
            throw new IllegalArgumentException("an override needs ON or OFF and a duration of more than 0 and at most "
                    + MAX_OVERRIDE.toHours() + " h, got " + state + " for " + duration);
        }
        Instant now = clock.now();
        ManualOverride override = new ManualOverride(circuit, state, now.plus(duration), requestedBy);
        overrides.put(circuit, override);
        persistOverrides();
        overridesRequested.incrementAndGet();
        record(now, "lighting.override", circuit, Map.of("state", state.name(), "until", override.until().toString(),
                "requestedBy", requestedBy));
        log.info("Circuit {} forced {} until {} by {}", circuit, state, override.until(), requestedBy);
        return apply(rule, now, clock.quality());
    }

    @Override
    public synchronized CircuitStatus clearOverride(String circuit, String requestedBy) {
        CircuitRule rule = rules.get(circuit);
        if (rule == null) {
            overridesRefused.incrementAndGet();
            throw new IllegalArgumentException("no lighting circuit '" + circuit + "'; configured: " + rules.keySet());
        }
        Instant now = clock.now();
        if (overrides.remove(circuit) != null) {
            persistOverrides();
            record(now, "lighting.override.cleared", circuit, Map.of("requestedBy", requestedBy));
            log.info("Override of circuit {} cleared by {}", circuit, requestedBy);
        }
        return apply(rule, now, clock.quality());
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("autonomy.lighting.evaluations", evaluations.get());
        metrics.put("autonomy.lighting.switches", switches.get());
        metrics.put("autonomy.lighting.output.failures", outputFailures.get());
        metrics.put("autonomy.lighting.overrides", overridesRequested.get());
        metrics.put("autonomy.lighting.overrides.refused", overridesRefused.get());
        metrics.put("autonomy.lighting.overrides.unreadable", unreadableOverrides.get());
        synchronized (this) {
            metrics.put("autonomy.lighting.circuits.conflicting", conflicting.size());
        }
        return metrics;
    }

    private void expireOverrides(Instant now) {
        boolean changed = overrides.values().removeIf(override -> {
            if (override.activeAt(now)) {
                return false;
            }
            record(now, "lighting.override.expired", override.circuit(), Map.of("state", override.state().name()));
            log.info("Override of circuit {} expired", override.circuit());
            return true;
        });
        if (changed) {
            persistOverrides();
        }
    }

    private CircuitStatus apply(CircuitRule rule, Instant now, ClockQuality quality) {
        LightingDecision decision = rule.schedule().desiredState(now, quality);
        Optional<ManualOverride> override = Optional.ofNullable(overrides.get(rule.circuit()))
                .filter(o -> o.activeAt(now));
        OutputState wanted = override.map(ManualOverride::state).orElse(decision.state());
        OutputState applied = null;
        try {
            boolean on = wanted == OutputState.ON;
            if (outputs.isActive(rule.output()) != on) {
                outputs.set(rule.output(), on);
                switches.incrementAndGet();
                Map<String, String> details = new LinkedHashMap<>();
                details.put("state", wanted.name());
                details.put("output", rule.output());
                details.put("reason", override.isPresent() ? "OVERRIDE" : decision.reason().name());
                details.put("clock", quality.kind().name());
                record(now, "lighting.switch", rule.circuit(), details);
            }
            applied = wanted;
            if (failing.remove(rule.circuit())) {
                log.info("Output {} of circuit {} works again", rule.output(), rule.circuit());
            }
        } catch (RuntimeException e) {
            outputFailures.incrementAndGet();
            // Once per failure spell, not every evaluation: the log of a Pi must not fill with one fault.
            if (failing.add(rule.circuit())) {
                log.error("Could not set output {} of circuit {}: {}", rule.output(), rule.circuit(), e.getMessage());
            }
        }
        CircuitStatus status = new CircuitStatus(rule.circuit(), rule.output(), decision, override, applied);
        statuses.put(rule.circuit(), status);
        return status;
    }

    private void persistOverrides() {
        try {
            overrideStore.save(overrides.values());
        } catch (RuntimeException e) {
            // The override still applies now; it only would not survive a restart.
            log.error("Overrides not saved: {}", e.getMessage());
        }
    }

    private void record(Instant at, String kind, String subject, Map<String, String> details) {
        try {
            actions.append(new RecordedAction(at, kind, subject, details));
        } catch (RuntimeException e) {
            log.error("Action not logged ({} {}): {}", kind, subject, e.getMessage());
        }
    }
}
