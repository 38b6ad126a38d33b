package fr.mutualis.hardware.io.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The one Pi4J context of the gateway, with its providers registered explicitly. Registered as a
 * service of this bundle-private class: only the I/O components of this bundle use Pi4J.
 */
@Component(service = Pi4jBoard.class, configurationPid = Pi4jBoard.PID)
@Designate(ocd = Pi4jBoard.Config.class)
public class Pi4jBoard {

    public static final String PID = "fr.mutualis.hardware.board";

    @ObjectClassDefinition(name = "I/O board", description = "Which Pi4J platform drives the gateway's GPIOs.")
    public @interface Config {
        @AttributeDefinition(name = "Platform", options = {@Option(label = "Simulated (Pi4J mock)", value = "mock")})
        String platform() default "mock";
    }

    private final BoardPlatform platform;
    private final Context context;

    @Activate
    public Pi4jBoard(Config config) {
        this(BoardPlatform.named(config.platform()));
    }

    Pi4jBoard(BoardPlatform platform) {
        this.platform = platform;
        // No auto-detection (ServiceLoader) and no JVM shutdown hook: the OSGi life cycle owns the context.
        this.context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .disableShutdownHook()
                .add(platform.providers())
                .build();
    }

    DigitalOutput output(String id, int bcm, DigitalState initial) {
        return context.create(DigitalOutput.newConfigBuilder(context)
                .id(id)
                .address(bcm)
                .initial(initial)
                .provider(platform.digitalOutputProvider()));
    }

    DigitalInput input(String id, int bcm, PullResistance pull, long debounceMicros) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id(id)
                .address(bcm)
                .pull(pull)
                .debounce(debounceMicros, TimeUnit.MICROSECONDS)
                .provider(platform.digitalInputProvider()));
    }

    /** Releases one I/O so that a reconfigured component can create it again under the same id. */
    void release(String id) {
        if (context.registry().exists(id)) {
            context.shutdown(id);
        }
    }

    BoardPlatform platform() {
        return platform;
    }

    /** For tests on the mock platform: the pins as Pi4J holds them. */
    Context context() {
        return context;
    }

    @Deactivate
    void shutdown() {
        context.shutdown();
    }
}
