package fr.mutualis.gateway.autonomy.alarm;

import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
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
        try {
            outputs.set(output, true);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            details.put("outputError", e.getMessage());
        }
        log.warn("Alarm {}: device {} {} -> output {} on", name, uplink.devAddr(), condition, output);
        try {
            actions.append(new RecordedAction(clock.now(), "alarm.raised", output, details));
        } catch (RuntimeException e) {
            // A listener must not throw: the decoding thread serves every other rule too.
            log.error("Alarm {} not logged: {}", name, e.getMessage());
        }
    }

    @Override
    public Map<String, Number> metrics() {
        return Map.of("autonomy.alarm." + name + ".raised", raised.get(),
                "autonomy.alarm." + name + ".output.failures", failures.get());
    }
}
