package fr.mutualis.hardware.io.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import fr.mutualis.hardware.io.DigitalInputs;
import fr.mutualis.hardware.io.InputListener;
import fr.mutualis.hardware.io.UnknownChannelException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.osgi.service.metatype.annotations.Option;

/** Contact inputs (cabinet door, mains presence) by channel name; changes go to the {@link InputListener} whiteboard. */
@Component(service = DigitalInputs.class, configurationPid = Pi4jDigitalInputs.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Pi4jDigitalInputs.Config.class)
public class Pi4jDigitalInputs implements DigitalInputs {

    public static final String PID = "fr.mutualis.hardware.inputs";
    private static final String ID_PREFIX = "in.";

    @ObjectClassDefinition(name = "Digital inputs", description = "Door contacts, mains presence and other contacts.")
    public @interface Config {
        @AttributeDefinition(name = "Pin map", description = "name=BCM GPIO, e.g. door=5")
        String[] channels();

        @AttributeDefinition(name = "Pull resistor", options = {@Option(label = "Pull-up", value = "UP"),
                @Option(label = "Pull-down", value = "DOWN"), @Option(label = "None", value = "OFF")})
        String pull() default "UP";

        @AttributeDefinition(name = "Active low",
                description = "A closed contact pulls the GPIO to ground (the usual wiring with a pull-up).")
        boolean activeLow() default true;

        @AttributeDefinition(name = "Debounce (us)", min = "0")
        long debounceMicros() default 10_000;
    }

    private final Pi4jBoard board;
    private final Logger log;
    private final boolean activeLow;
    private final Map<String, DigitalInput> inputs = new LinkedHashMap<>();
    private final List<InputListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public Pi4jDigitalInputs(Config config, @Reference Pi4jBoard board,
                             @Reference(service = LoggerFactory.class) Logger log) {
        this.board = board;
        this.log = log;
        this.activeLow = config.activeLow();
        PullResistance pull = pull(config.pull());
        try {
            PinMap.parse(config.channels()).forEach((name, bcm) -> {
                DigitalInput input = board.input(ID_PREFIX + name, bcm, pull, config.debounceMicros());
                input.addListener((DigitalStateChangeListener) event -> changed(name, event.state()));
                inputs.put(name, input);
            });
        } catch (RuntimeException e) {
            releaseAll();
            throw e;
        }
        log.info("Inputs {} ready (pull {}, {})", inputs.keySet(), pull, activeLow ? "active low" : "active high");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(InputListener listener) {
        listeners.add(listener);
    }

    void removeListener(InputListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Set<String> channels() {
        return inputs.keySet();
    }

    @Override
    public boolean isActive(String channel) {
        DigitalInput input = inputs.get(channel);
        if (input == null) {
            throw new UnknownChannelException(channel, inputs.keySet());
        }
        return active(input.state());
    }

    @Deactivate
    void deactivate() {
        releaseAll();
    }

    private void changed(String channel, DigitalState state) {
        if (state == DigitalState.UNKNOWN) {
            return;
        }
        boolean active = active(state);
        log.info("Input {} {}", channel, active ? "active" : "inactive");
        for (InputListener listener : listeners) {
            try {
                listener.inputChanged(channel, active);
            } catch (RuntimeException e) {
                // One faulty listener must not keep the others (e.g. the alarm rule) from hearing of the change.
                log.error("Input listener {} failed on {}", listener, channel, e);
            }
        }
    }

    private boolean active(DigitalState state) {
        return (state == DigitalState.HIGH) != activeLow;
    }

    private void releaseAll() {
        inputs.keySet().forEach(name -> board.release(ID_PREFIX + name));
        inputs.clear();
    }

    private static PullResistance pull(String value) {
        switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "UP":
                return PullResistance.PULL_UP;
            case "DOWN":
                return PullResistance.PULL_DOWN;
            case "OFF":
                return PullResistance.OFF;
            default:
                throw new IllegalArgumentException("pull must be UP, DOWN or OFF, got '" + value + "'");
        }
    }
}
