package fr.mutualis.hardware.simulator.mix;

/** The gateway's delivery lanes, as named in the contract's {@code priority} field. */
public enum Lane {
    ALARM, NORMAL, BULK
}
