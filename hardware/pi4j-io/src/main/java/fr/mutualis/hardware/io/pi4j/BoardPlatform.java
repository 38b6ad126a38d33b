package fr.mutualis.hardware.io.pi4j;

import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.provider.Provider;
import java.util.Locale;

/**
 * The Pi4J providers behind each supported board. They are instantiated here, by name, instead
 * of being discovered with ServiceLoader, which does not see embedded plugins in OSGi.
 */
enum BoardPlatform {

    /** Pi4J's in-memory mock: the simulated board of tests and demos. */
    MOCK(MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID) {
        @Override
        Provider<?, ?, ?>[] providers() {
            return new Provider<?, ?, ?>[] {MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()};
        }
    };

    private final String digitalInputProvider;
    private final String digitalOutputProvider;

    BoardPlatform(String digitalInputProvider, String digitalOutputProvider) {
        this.digitalInputProvider = digitalInputProvider;
        this.digitalOutputProvider = digitalOutputProvider;
    }

    abstract Provider<?, ?, ?>[] providers();

    String digitalInputProvider() {
        return digitalInputProvider;
    }

    String digitalOutputProvider() {
        return digitalOutputProvider;
    }

    static BoardPlatform named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown board platform '" + name + "'; supported: mock", e);
        }
    }
}
