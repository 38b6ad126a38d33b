package fr.mutualis.hardware.io.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import fr.mutualis.hardware.io.DigitalOutputs;
import fr.mutualis.hardware.io.UnknownChannelException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 * Relays and contactors by channel name, through Pi4J. Every change is logged: it is an action on
 * the street. Immediate, so that the start-up state is applied when the agent starts, not when a
 * rule first asks for the service.
 */
@Component(service = DigitalOutputs.class, configurationPid = Pi4jDigitalOutputs.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Pi4jDigitalOutputs.Config.class)
public class Pi4jDigitalOutputs implements DigitalOutputs {

    public static final String PID = "fr.mutualis.hardware.outputs";
    private static final String ID_PREFIX = "out.";

    @ObjectClassDefinition(name = "Digital outputs", description = "Relays of lighting circuits and other loads.")
    public @interface Config {
        @AttributeDefinition(name = "Pin map", description = "name=BCM GPIO, e.g. street-1=17")
        String[] channels();

        @AttributeDefinition(name = "Active low",
                description = "The relay board energises a relay when the GPIO is low (most opto-isolated boards).")
        boolean activeLow() default false;

        @AttributeDefinition(name = "Active at start",
                description = "Energise every output when the agent starts, before any rule decides: the safe"
                        + " state of lighting circuits is lit.")
        boolean activeAtStart() default false;
    }

    private final Pi4jBoard board;
    private final Logger log;
    private final boolean activeLow;
    private final Map<String, DigitalOutput> outputs = new LinkedHashMap<>();

    @Activate
    public Pi4jDigitalOutputs(Config config, @Reference Pi4jBoard board,
                              @Reference(service = LoggerFactory.class) Logger log) {
        this.board = board;
        this.log = log;
        this.activeLow = config.activeLow();
        DigitalState initial = level(config.activeAtStart());
        try {
            PinMap.parse(config.channels()).forEach((name, bcm) ->
                    outputs.put(name, board.output(ID_PREFIX + name, bcm, initial)));
        } catch (RuntimeException e) {
            releaseAll();
            throw e;
        }
        log.info("Outputs {} ready ({}, {} at start)", outputs.keySet(), activeLow ? "active low" : "active high",
                config.activeAtStart() ? "active" : "inactive");
    }

    @Override
    public Set<String> channels() {
        return outputs.keySet();
    }

    @Override
    public synchronized void set(String channel, boolean active) {
        DigitalOutput output = output(channel);
        DigitalState wanted = level(active);
        if (output.state() != wanted) {
            output.state(wanted);
            log.info("Output {} {}", channel, active ? "on" : "off");
        }
    }

    @Override
    public boolean isActive(String channel) {
        return output(channel).state() == level(true);
    }

    @Deactivate
    void deactivate() {
        releaseAll();
    }

    private void releaseAll() {
        outputs.keySet().forEach(name -> board.release(ID_PREFIX + name));
        outputs.clear();
    }

    private DigitalOutput output(String channel) {
        DigitalOutput output = outputs.get(channel);
        if (output == null) {
            throw new UnknownChannelException(channel, outputs.keySet());
        }
        return output;
    }

    private DigitalState level(boolean active) {
        return active != activeLow ? DigitalState.HIGH : DigitalState.LOW;
    }
}
