package fr.mutualis.hardware.simulator.downlink;

import java.util.Locale;

/** Decides what the simulated forwarder answers to a valid txpk. */
@FunctionalInterface
public interface TxAckPolicy {

    /**
     * @param txpk               the requested transmission
     * @param concentratorCounter the concentrator's {@code tmst} counter now
     */
    TxAckError decide(Txpk txpk, long concentratorCounter);

    /** Always the same answer, e.g. {@code NONE} for a test that only checks delivery. */
    static TxAckPolicy fixed(TxAckError error) {
        return (txpk, counter) -> error;
    }

    /** The checks of a real forwarder: frequency, power, GPS, timing and collisions (see {@link RealisticTxAckPolicy}). */
    static TxAckPolicy realistic() {
        return new RealisticTxAckPolicy();
    }

    /** {@code realistic}, or the name of a {@link TxAckError} for a fixed answer. */
    static TxAckPolicy parse(String text) {
        if (text.equalsIgnoreCase("realistic")) {
            return realistic();
        }
        return fixed(TxAckError.valueOf(text.toUpperCase(Locale.ROOT)));
    }
}
