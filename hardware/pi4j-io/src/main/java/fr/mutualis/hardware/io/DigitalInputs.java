package fr.mutualis.hardware.io;

import java.util.Set;

/**
 * The gateway's contact inputs (cabinet door, mains presence), by the channel names of the
 * configured pin map. Changes are also pushed to every registered {@link InputListener} service.
 */
public interface DigitalInputs {

    Set<String> channels();

    /** @throws UnknownChannelException if {@code channel} is not in the pin map */
    boolean isActive(String channel);
}
