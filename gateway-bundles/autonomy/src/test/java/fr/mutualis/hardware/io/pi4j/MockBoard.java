package fr.mutualis.hardware.io.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import fr.mutualis.hardware.io.DigitalOutputs;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.osgi.service.log.Logger;

/**
 * The real Pi4J I/O components on Pi4J's mock platform, for tests outside that module. It lives in
 * the same package as those components to read the pins as Pi4J holds them (what a relay board
 * would see), which the bundle deliberately does not export.
 */
public final class MockBoard implements AutoCloseable {

    private final Pi4jBoard board = new Pi4jBoard(BoardPlatform.MOCK);

    /** Real {@link Pi4jDigitalOutputs} on this board for entries such as {@code street-1=17}. */
    public DigitalOutputs outputs(boolean activeLow, boolean activeAtStart, String... pinMap) {
        Map<String, Object> values = Map.of("channels", pinMap, "activeLow", activeLow, "activeAtStart", activeAtStart);
        Pi4jDigitalOutputs.Config config = (Pi4jDigitalOutputs.Config) Proxy.newProxyInstance(
                Pi4jDigitalOutputs.Config.class.getClassLoader(), new Class<?>[] {Pi4jDigitalOutputs.Config.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? Pi4jDigitalOutputs.Config.class
                        : values.get(method.getName()));
        return new Pi4jDigitalOutputs(config, board, silentLogger());
    }

    /** The level of an output channel's pin on the mock platform. */
    public boolean pinHigh(String channel) {
        return board.context().registry().get("out." + channel, DigitalOutput.class).state() == DigitalState.HIGH;
    }

    @Override
    public void close() {
        board.shutdown();
    }

    public static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE
                        : method.getName().equals("getName") ? "test" : null);
    }
}
