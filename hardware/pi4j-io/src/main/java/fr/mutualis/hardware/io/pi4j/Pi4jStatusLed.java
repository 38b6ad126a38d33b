package fr.mutualis.hardware.io.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import fr.mutualis.hardware.io.StatusIndicator;
import fr.mutualis.hardware.io.StatusPattern;
import fr.mutualis.hardware.io.status.BlinkPattern;
import fr.mutualis.hardware.io.status.BlinkSequencer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The status LED, blinking the pattern of the gateway's state on one daemon thread that wakes
 * only at the pattern's edges. It starts in {@link StatusPattern#BOOTING}.
 */
@Component(service = StatusIndicator.class, configurationPid = Pi4jStatusLed.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Pi4jStatusLed.Config.class)
public class Pi4jStatusLed implements StatusIndicator {

    public static final String PID = "fr.mutualis.hardware.status.led";
    private static final String ID = "led.status";

    @ObjectClassDefinition(name = "Status LED", description = "The LED a technician reads on site.")
    public @interface Config {
        @AttributeDefinition(name = "BCM GPIO", min = "0", max = "27")
        int pin();

        @AttributeDefinition(name = "Active low", description = "The LED lights when the GPIO is low.")
        boolean activeLow() default false;
    }

    private final Pi4jBoard board;
    private final DigitalOutput led;
    private final boolean activeLow;
    private final ScheduledExecutorService scheduler;
    private StatusPattern showing;
    private BlinkSequencer sequencer;
    private ScheduledFuture<?> nextEdge;

    @Activate
    public Pi4jStatusLed(Config config, @Reference Pi4jBoard board) {
        if (config.pin() < 0 || config.pin() > PinMap.MAX_BCM) {
            throw new IllegalArgumentException("status LED pin must be BCM 0-" + PinMap.MAX_BCM + ", got " + config.pin());
        }
        this.board = board;
        this.activeLow = config.activeLow();
        this.led = board.output(ID, config.pin(), level(false));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-status-led");
            thread.setDaemon(true);
            return thread;
        });
        show(StatusPattern.BOOTING);
    }

    @Override
    public synchronized void show(StatusPattern pattern) {
        if (pattern == showing || scheduler.isShutdown()) {
            return;
        }
        showing = pattern;
        sequencer = new BlinkSequencer(BlinkPattern.of(pattern));
        if (nextEdge != null) {
            nextEdge.cancel(false);
        }
        nextEdge = scheduler.schedule(() -> edge(sequencer), 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized StatusPattern showing() {
        return showing;
    }

    /** Whether the LED is lit now (what a technician sees). */
    boolean lit() {
        return led.state() == level(true);
    }

    private synchronized void edge(BlinkSequencer owner) {
        if (owner != sequencer || scheduler.isShutdown()) {
            return; // a newer pattern took over
        }
        BlinkSequencer.Step step = owner.next();
        led.state(level(step.lit()));
        nextEdge = scheduler.schedule(() -> edge(owner), step.hold().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        led.state(level(false));
        board.release(ID);
    }

    private DigitalState level(boolean lit) {
        return lit != activeLow ? DigitalState.HIGH : DigitalState.LOW;
    }
}
