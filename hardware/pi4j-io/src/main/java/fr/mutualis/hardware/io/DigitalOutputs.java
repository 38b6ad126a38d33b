package fr.mutualis.hardware.io;

import java.util.Set;

/**
 * The gateway's switched outputs (relays and contactors of lighting circuits, an alarm sounder),
 * by the channel names of the configured pin map. "Active" means energised as the installer
 * wired it, whatever the relay board's polarity.
 */
public interface DigitalOutputs {

    Set<String> channels();

    /** @throws UnknownChannelException if {@code channel} is not in the pin map */
    void set(String channel, boolean active);

    /** @throws UnknownChannelException if {@code channel} is not in the pin map */
    boolean isActive(String channel);
}
