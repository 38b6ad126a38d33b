package fr.mutualis.gateway.autonomy.actions;

/** An action with its place in the gateway's action log. */
public record SequencedAction(long sequence, RecordedAction action) {
}
