package fr.mutualis.gateway.runtime;

import fr.mutualis.gateway.release.generation.BootPlan;
import fr.mutualis.gateway.release.generation.GenerationState;
import fr.mutualis.gateway.release.generation.GenerationStore;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's own guard over a release on trial: if the trial is still unconfirmed when its
 * window is over — the release's update agent never started, hung, or could not decide — the
 * launcher reverts to the previous generation and restarts the framework. It does not depend on
 * anything inside the framework working.
 */
final class ReleaseDeadline implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mutualis-release-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** What the deadline does once it has written the revert: restart the framework. */
    interface Restart {
        void restart() throws Exception;
    }

    private final ScheduledFuture<?> expiry;

    ReleaseDeadline(GenerationStore store, BootPlan plan, Restart restart) {
        int window = plan.trialWindow().orElseThrow();
        expiry = timer.schedule(() -> expire(store, plan, restart, window), window, TimeUnit.SECONDS);
    }

    /** The check at the deadline, done once it has run (and restarted if it had to); for tests. */
    Future<?> expiry() {
        return expiry;
    }

    private static void expire(GenerationStore store, BootPlan plan, Restart restart, int window) {
        try {
            GenerationState state = store.load();
            if (state.trial() == null || state.current().generation() != plan.generation()) {
                return;
            }
            store.revert("release " + plan.release() + " was not confirmed healthy within " + window
                    + " s of starting (the launcher's deadline)");
            System.err.println("mutualis-gateway: release " + plan.release() + " not confirmed within " + window
                    + " s: reverting to the previous release");
            restart.restart();
        } catch (Exception e) {
            System.err.println("mutualis-gateway: cannot revert the release on trial: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
