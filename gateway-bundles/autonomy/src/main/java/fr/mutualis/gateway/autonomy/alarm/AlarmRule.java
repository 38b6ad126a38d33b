package fr.mutualis.gateway.autonomy.alarm;

import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import fr.mutualis.gateway.decoding.DecodedUplink;
import fr.mutualis.gateway.decoding.DecodedUplinkListener;
import fr.mutualis.hardware.io.DigitalOutputs;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An event rule on decoded readings, one factory configuration each: when a reading of the
 * configured device meets the condition (a leak flag, a threshold), the gateway switches the
 * configured output on at once (a valve, a sounder, a warning light) and records an
 * {@code alarm.raised} action, without waiting for the fleet. The output stays on: ending an
 * alarm is a person's decision (the console's override), not a later reading's.
 *
 * <p>When the output is a lighting circuit's contactor, the rule does not set it behind the
 * circuit's back (the schedule would switch it off again at its next evaluation): it forces the
 * circuit on through {@link LightingControl} for the longest override, which the console shows and
 * ends like any other.
 */
@Component(service = {DecodedUplinkListener.class, MetricsSource.class}, configurationPid = AlarmRule.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AlarmRule.Config.class, factory = true)
public class AlarmRule implements DecodedUplinkListener, MetricsSource {

    public static final String FACTORY_PID = "fr.mutualis.autonomy.alarm";

    @ObjectClassDefinition(name = "Alarm rule", description = "A reading that switches an output on locally.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "e.g. leak-school")
        String name();

        @AttributeDefinition(name = "Device", description = "DevAddr (8 hex digits); empty for any device",
                required = false)
        String devAddr() default "";

        @AttributeDefinition(name = "Condition", description = "'leakageAlarm' (a flag) or 'key > number'")
        String condition();

        @AttributeDefinition(name = "Output", description = "The output channel to switch on")
        String output();
    }

    private final String name;
    private final String devAddr;
    private final ReadingCondition condition;
    private final String output;
    private final DigitalOutputs outputs;
    private final GatewayClock clock;
    private final ActionLog actions;
    private final Logger log;
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile LightingControl lighting;

    @Activate
    public AlarmRule(Config config, @Reference DigitalOutputs outputs, @Reference GatewayClock clock,
                     @Reference ActionLog actions, @Reference(service = LoggerFactory.class) Logger log) {
        this(config.name(), config.devAddr(), config.condition(), config.output(), outputs, clock, actions, log);
    }

    public AlarmRule(String name, String devAddr, String condition, String output, DigitalOutputs outputs,
                     GatewayClock clock, ActionLog actions, Logger log) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an alarm rule needs a name");
        }
        this.name = name.trim();
        this.devAddr = devAddr == null ? "" : devAddr.trim().toLowerCase(Locale.ROOT);
        if (!this.devAddr.isEmpty() && !this.devAddr.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("alarm rule '" + name + "': devAddr must be 8 hex digits, got '"
                    + devAddr + "'");
        }
        this.condition = ReadingCondition.parse(condition);
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("alarm rule '" + name + "' needs an output channel");
        }
        this.output = output.trim();
        this.outputs = outputs;
        this.clock = clock;
        this.actions = actions;
        this.log = log;
    }

    @Override
    public void decoded(DecodedUplink uplink) {
        if (!devAddr.isEmpty() && !devAddr.equals(uplink.devAddr())) {
            return;
        }
        Optional<Boolean> met = condition.test(uplink.payload());
        if (met.isEmpty() || !met.get()) {
            return;
        }
        raised.incrementAndGet();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule", name);
        details.put("devAddr", uplink.devAddr());
        details.put("fCnt", Long.toString(uplink.fCnt()));
        details.put("condition", condition.toString());
        details.put("value", String.valueOf(uplink.payload().values().get(condition.key())));
        details.put("receivedAt", uplink.receivedAt().toString());
        LightingControl control = lighting;
        Optional<String> circuit = circuitOn(control, output);
        try {
            if (circuit.isPresent()) {
                details.put("circuit", circuit.get());
                forceOn(control, circuit.get());
            } else {
                outputs.set(output, true);
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            details.put("outputError", e.getMessage());
        }
        log.warn("Alarm {}: device {} {} -> output {} on{}", name, uplink.devAddr(), condition, output,
                circuit.map(c -> " (lighting circuit " + c + " forced on)").orElse(""));
        try {
            actions.append(new RecordedAction(clock.now(), "alarm.raised", output, details));
        } catch (RuntimeException e) {
            // A listener must not throw: the decoding thread serves every other rule too.
            log.error("Alarm {} not logged: {}", name, e.getMessage());
        }
    }

    /**
     * Forces the circuit on through the lighting, which sets the output itself and reports (rather
     * than throws) an output it could not set. A circuit removed meanwhile: the output is set directly.
     */
    private void forceOn(LightingControl control, String circuit) {
        CircuitStatus status;
        try {
            status = control.override(circuit, OutputState.ON, LightingControl.MAX_OVERRIDE, "alarm " + name);
        } catch (IllegalArgumentException e) {
            outputs.set(output, true);
            return;
        }
        if (status.applied() != OutputState.ON) {
            throw new IllegalStateException("lighting circuit " + circuit + " forced on, but its output " + output
                    + " could not be set");
        }
    }

    /** The lighting, when it runs: an alarm on a circuit's output goes through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindLighting(LightingControl lighting) {
        this.lighting = lighting;
    }

    public void unbindLighting(LightingControl lighting) {
        if (this.lighting == lighting) {
            this.lighting = null;
        }
    }

    /** The circuit whose contactor this output drives, if the lighting runs one. */
    private static Optional<String> circuitOn(LightingControl control, String output) {
        if (control == null) {
            return Optional.empty();
        }
        return control.circuits().stream().filter(status -> status.output().equals(output))
                .map(CircuitStatus::circuit).findFirst();
    }

    @Override
    public Map<String, Number> metrics() {
        return Map.of("autonomy.alarm." + name + ".raised", raised.get(),
                "autonomy.alarm." + name + ".output.failures", failures.get());
    }
}
