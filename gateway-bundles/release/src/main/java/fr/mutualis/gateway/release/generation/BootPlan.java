package fr.mutualis.gateway.release.generation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the launcher starts now: a bundle directory, its own framework cache (so that going back to
 * another generation never sees this one's bundles), the release to announce, and — when the
 * generation is on trial — how long it has to confirm itself before the launcher reverts it.
 */
public record BootPlan(int generation, Path bundlesDir, Path cacheDir, String release, Integer trialWindowSeconds) {

    public Optional<Integer> trialWindow() {
        return Optional.ofNullable(trialWindowSeconds);
    }
}
