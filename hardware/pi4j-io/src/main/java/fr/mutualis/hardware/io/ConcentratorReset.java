package fr.mutualis.hardware.io;

/**
 * The LoRa concentrator's reset line (SX1301/SX1302 boards wire it to a GPIO). Pulsing it restarts
 * the radio; the packet forwarder, which then loses the chip, exits and is restarted by its service
 * manager, as after a power cut.
 */
public interface ConcentratorReset {

    /** Drives the reset line active for the configured pulse, then releases it; blocks for the pulse. */
    void reset();

    /** Resets done since this component started. */
    long resets();
}
