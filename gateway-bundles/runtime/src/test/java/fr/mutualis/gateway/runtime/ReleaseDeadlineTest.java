package fr.mutualis.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.gateway.release.generation.BootPlan;
import fr.mutualis.gateway.release.generation.GenerationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's own guard: a trial still unconfirmed at its deadline is reverted and the framework restarted. */
class ReleaseDeadlineTest {

    @TempDir
    Path dir;

    @Test
    void anUnconfirmedTrialIsRevertedAtItsDeadline() throws Exception {
        GenerationStore store = store();
        BootPlan plan = store.planBoot();
        AtomicInteger restarts = new AtomicInteger();
        try (ReleaseDeadline deadline = new ReleaseDeadline(store, plan, restarts::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> restarts.get() == 1);
        }
        assertThat(store.load().current().generation()).isZero();
        assertThat(store.load().lastRevert().reason())
                .isEqualTo("release 2.0.0 was not confirmed healthy within 1 s of starting (the launcher's deadline)");
    }

    @Test
    void aConfirmedTrialIsLeftAlone() throws Exception {
        GenerationStore store = store();
        BootPlan plan = store.planBoot();
        store.confirmTrial();
        AtomicInteger restarts = new AtomicInteger();
        try (ReleaseDeadline deadline = new ReleaseDeadline(store, plan, restarts::incrementAndGet)) {
            // the deadline fires after 1 s and must find nothing to do: once its one check has run, no restart
            deadline.expiry().get(10, TimeUnit.SECONDS);
            assertThat(restarts).hasValue(0);
        }
        assertThat(store.load().current().generation()).isEqualTo(plan.generation());
    }

    private GenerationStore store() throws Exception {
        GenerationStore store = new GenerationStore(dir.resolve("data"), Files.createDirectories(dir.resolve("bundles")));
        int generation = store.prepareNext();
        Files.write(store.bundlesDir(generation).resolve("b.jar"), new byte[] {1});
        store.beginTrial(generation, "2.0.0", "c1", 1, "1.0.0");
        return store;
    }
}
