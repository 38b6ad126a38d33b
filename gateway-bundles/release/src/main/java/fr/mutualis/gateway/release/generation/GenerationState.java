package fr.mutualis.gateway.release.generation;

import java.util.Optional;

/**
 * Which bundle set (generation) the launcher starts, and what it may fall back to. Generation
 * {@value GenerationStore#FACTORY} is the distribution's own {@code bundles/} directory; the
 * others are releases installed over the air under {@code <data dir>/releases/<n>/}.
 *
 * @param current    the generation to start
 * @param previous   the last generation known good, kept on disk to revert to; null when none
 * @param trial      set while {@code current} is on trial: not yet confirmed healthy; null otherwise
 * @param lastRevert the last automatic revert, until the agent has recorded it for its report; null when none
 */
public record GenerationState(Slot current, Slot previous, Trial trial, Revert lastRevert) {

    /** A generation and the release it holds; {@code release} is null for the factory set (the launcher knows it). */
    public record Slot(int generation, String release) {
    }

    /**
     * @param campaign      the campaign that installed the generation on trial
     * @param windowSeconds how long the launcher lets the trial run before reverting by itself
     * @param boots         how many times the launcher has started the generation on trial
     */
    public record Trial(String campaign, int windowSeconds, int boots) {
    }

    /** Why the launcher or the agent went back to the previous generation. */
    public record Revert(String campaign, String release, String reason) {
    }

    public static GenerationState factory() {
        return new GenerationState(new Slot(GenerationStore.FACTORY, null), null, null, null);
    }

    public Optional<Trial> onTrial() {
        return Optional.ofNullable(trial);
    }

    public Optional<Revert> reverted() {
        return Optional.ofNullable(lastRevert);
    }

    public Optional<Slot> fallback() {
        return Optional.ofNullable(previous);
    }
}
