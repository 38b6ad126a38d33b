package fr.mutualis.gateway.lorawan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Counts the fields compared with the oracle and keeps the first disagreements for the failure message. */
final class Agreement {

    private static final int KEPT = 25;

    private long fields;
    private long disagreements;
    private final List<String> first = new ArrayList<>();

    /** Compares one field; values are normalised by the caller (hex strings, numbers, booleans, null). */
    void compare(FrameCorpus.CorpusFrame frame, String field, Object ours, Object theirs) {
        fields++;
        if (!Objects.equals(ours, theirs)) {
            disagree(frame, field + ": ours=" + ours + " lora-packet=" + theirs);
        }
    }

    /** Records a disagreement that is not a field comparison (one side refused the frame, say). */
    void disagree(FrameCorpus.CorpusFrame frame, String what) {
        disagreements++;
        if (first.size() < KEPT) {
            first.add("id " + frame.id() + " (" + frame.origin() + ") " + Frames.hex(frame.phy()) + ": " + what);
        }
    }

    long fields() {
        return fields;
    }

    long disagreements() {
        return disagreements;
    }

    String report() {
        return disagreements + " disagreements over " + fields + " fields; first ones:\n  " + String.join("\n  ", first);
    }
}
