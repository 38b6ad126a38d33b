package fr.mutualis.hardware.io.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import fr.mutualis.hardware.io.ConcentratorReset;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The concentrator's reset GPIO, released (inactive) except during a pulse. */
@Component(service = ConcentratorReset.class, configurationPid = Pi4jConcentratorReset.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Pi4jConcentratorReset.Config.class)
public class Pi4jConcentratorReset implements ConcentratorReset {

    public static final String PID = "fr.mutualis.hardware.concentrator.reset";
    private static final String ID = "concentrator.reset";

    @ObjectClassDefinition(name = "Concentrator reset", description = "The GPIO wired to the LoRa concentrator's reset.")
    public @interface Config {
        @AttributeDefinition(name = "BCM GPIO", description = "e.g. 17 on RAK2287/RAK5146 hats", min = "0", max = "27")
        int pin();

        @AttributeDefinition(name = "Active low", description = "The chip is held in reset while the GPIO is low.")
        boolean activeLow() default false;

        @AttributeDefinition(name = "Pulse (ms)", description = "How long the reset is held.", min = "1", max = "5000")
        int pulseMillis() default 100;
    }

    private final Pi4jBoard board;
    private final DigitalOutput line;
    private final boolean activeLow;
    private final long pulseMillis;
    private long resets;

    @Activate
    public Pi4jConcentratorReset(Config config, @Reference Pi4jBoard board) {
        if (config.pin() < 0 || config.pin() > PinMap.MAX_BCM) {
            throw new IllegalArgumentException("concentrator reset pin must be BCM 0-" + PinMap.MAX_BCM + ", got "
                    + config.pin());
        }
        if (config.pulseMillis() < 1 || config.pulseMillis() > 5000) {
            throw new IllegalArgumentException("reset pulse must be 1-5000 ms, got " + config.pulseMillis());
        }
        this.board = board;
        this.activeLow = config.activeLow();
        this.pulseMillis = config.pulseMillis();
        this.line = board.output(ID, config.pin(), level(false));
    }

    @Override
    public synchronized void reset() {
        line.state(level(true));
        try {
            // The chip's datasheet asks for a minimum hold: a real pause, not a scheduled event.
            Thread.sleep(pulseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            line.state(level(false));
        }
        resets++;
    }

    @Override
    public synchronized long resets() {
        return resets;
    }

    /** Whether the chip is held in reset now. */
    boolean holding() {
        return line.state() == level(true);
    }

    @Deactivate
    void deactivate() {
        line.state(level(false));
        board.release(ID);
    }

    private DigitalState level(boolean active) {
        return active != activeLow ? DigitalState.HIGH : DigitalState.LOW;
    }
}
