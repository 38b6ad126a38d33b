package fr.mutualis.hardware.io;

/**
 * What the status LED tells a technician, each with a blink pattern that cannot be mistaken for
 * another (documented in docs/architecture.md and on the installation sheet).
 */
public enum StatusPattern {
    /** The agent is starting: fast even blinking. */
    BOOTING,
    /** Enrolled, not yet connected to the fleet: double flash. */
    ENROLLED,
    /** Connected, nothing buffered: on, with a short dark blip (a stuck LED is never "online"). */
    ONLINE,
    /** Working offline and buffering readings: slow even blinking. */
    OFFLINE_BUFFERING,
    /** Needs a technician: triple flash. */
    ERROR
}
