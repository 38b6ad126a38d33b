package fr.mutualis.gateway.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What opening the journal found damaged and set aside. */
final class RecoveryReport {

    /** One damaged place: the file, the bytes moved to a {@code .damaged} file, and why. */
    record Damage(Path file, long quarantinedBytes, String reason) {
    }

    private final List<Damage> damages = new ArrayList<>();

    synchronized void damaged(Path file, long quarantinedBytes, String reason) {
        damages.add(new Damage(file, quarantinedBytes, reason));
    }

    synchronized List<Damage> damages() {
        return List.copyOf(damages);
    }

    synchronized long quarantinedBytes() {
        return damages.stream().mapToLong(Damage::quarantinedBytes).sum();
    }
}
