package fr.mutualis.gateway.autonomy.actions;

import java.util.List;

/**
 * What the gateway did on its own (switched a circuit, raised an alarm, accepted an override),
 * kept on the gateway's disk so that it can be reported to the fleet after a backhaul cut and
 * read by a technician on the local console.
 */
public interface ActionLog {

    /**
     * Appends durably: when this returns, the action survives a power cut. Returns its sequence
     * number, one more than the previous action's, never reused (the fleet stores each once).
     */
    long append(RecordedAction action);

    /** The last {@code limit} actions, newest first. */
    List<RecordedAction> recent(int limit);

    /** Up to {@code limit} actions the fleet has not acknowledged yet, oldest first. */
    List<SequencedAction> unreported(int limit);

    /** The fleet acknowledged every action up to and including {@code sequence}. */
    void markReported(long sequence);
}
