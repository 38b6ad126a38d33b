package fr.mutualis.gateway.api;

import java.util.List;

/**
 * Whiteboard service told about frames once they are durably stored, for local consumers such
 * as payload decoding and autonomy rules. Called on the store's completion thread: implementations
 * must hand the work off quickly and never throw.
 */
public interface StoredFrameListener {

    void stored(List<ClassifiedFrame> frames);
}
