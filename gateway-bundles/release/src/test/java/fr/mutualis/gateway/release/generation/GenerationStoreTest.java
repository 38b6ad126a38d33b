package fr.mutualis.gateway.release.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStoreTest {

    @TempDir
    Path dir;

    private Path data;
    private Path factory;
    private GenerationStore store;

    @BeforeEach
    void store() throws IOException {
        data = dir.resolve("data");
        factory = Files.createDirectories(dir.resolve("dist").resolve("bundles"));
        store = new GenerationStore(data, factory);
    }

    @Test
    void withoutStateTheFactoryBundlesRunWithTheHistoricalCache() throws IOException {
        BootPlan plan = store.planBoot();
        assertThat(plan.generation()).isZero();
        assertThat(plan.bundlesDir()).isEqualTo(factory);
        assertThat(plan.cacheDir()).isEqualTo(data.resolve("felix-cache"));
        assertThat(plan.trialWindow()).isEmpty();
        assertThat(plan.release()).isNull();
    }

    @Test
    void aNewGenerationGetsOneBootOnTrialAndIsRevertedWhenBootedAgainUnconfirmed() throws IOException {
        int generation = install("1.1.0", "c1", 300);
        BootPlan trial = store.planBoot();
        assertThat(trial.generation()).isEqualTo(generation);
        assertThat(trial.release()).isEqualTo("1.1.0");
        assertThat(trial.trialWindow()).contains(300);
        assertThat(trial.cacheDir()).isNotEqualTo(data.resolve("felix-cache"));
        assertThat(store.load().trial().boots()).isEqualTo(1);

        // SIGKILL or power cut during the trial: the launcher starts again
        BootPlan afterCrash = store.planBoot();
        assertThat(afterCrash.generation()).isZero();
        GenerationState state = store.load();
        assertThat(state.trial()).isNull();
        assertThat(state.lastRevert().campaign()).isEqualTo("c1");
        assertThat(state.lastRevert().release()).isEqualTo("1.1.0");
        assertThat(state.lastRevert().reason()).contains("restarted before release 1.1.0 passed its health check");
        assertThat(data.resolve("releases").resolve(Integer.toString(generation))).as("the failed generation is removed")
                .doesNotExist();
    }

    @Test
    void aConfirmedGenerationStaysAndKeepsThePreviousOneAsFallbackOnly() throws IOException {
        Files.createDirectories(data.resolve("felix-cache"));
        int first = install("1.1.0", "c1", 300);
        store.planBoot();
        store.confirmTrial();
        assertThat(store.planBoot().generation()).as("confirmed: booted again without trial").isEqualTo(first);
        assertThat(store.planBoot().trialWindow()).isEmpty();

        int second = install("1.2.0", "c2", 300);
        store.planBoot();
        store.confirmTrial();
        int third = install("1.3.0", "c3", 300);
        store.planBoot();
        store.confirmTrial();
        store.planBoot();

        GenerationState state = store.load();
        assertThat(state.current().generation()).isEqualTo(third);
        assertThat(state.previous().generation()).isEqualTo(second);
        assertThat(state.previous().release()).isEqualTo("1.2.0");
        assertThat(data.resolve("releases").resolve(Integer.toString(first))).as("at most current + previous on disk").doesNotExist();
        assertThat(store.bundlesDir(second)).exists();
        assertThat(data.resolve("felix-cache")).as("the factory cache goes once no generation needs it").doesNotExist();
    }

    @Test
    void theAgentsRevertGoesBackToThePreviousGenerationAndIsNotedUntilReported() throws IOException {
        install("1.1.0", "c1", 300);
        store.planBoot();
        store.confirmTrial();
        int bad = install("1.2.0", "c2", 300);
        store.planBoot();

        store.revert("component x failed activation");
        BootPlan plan = store.planBoot();
        assertThat(plan.release()).isEqualTo("1.1.0");
        assertThat(store.load().lastRevert().reason()).isEqualTo("component x failed activation");
        assertThat(store.bundlesDir(bad)).doesNotExist();
        store.clearLastRevert();
        assertThat(store.load().lastRevert()).isNull();
    }

    @Test
    void aConfirmedReleaseIsNeverRevertedBehindTheOperatorsBack() throws IOException {
        int generation = install("1.1.0", "c1", 300);
        store.planBoot();
        store.confirmTrial();
        store.revert("late deadline");
        assertThat(store.planBoot().generation()).isEqualTo(generation);
    }

    @Test
    void anInstallCutShortBeforeTheSwitchLeavesTheOldGenerationAndIsCleanedUp() throws IOException {
        int partial = store.prepareNext();
        Files.write(store.bundlesDir(partial).resolve("half-written.jar"), new byte[] {1, 2});
        // SIGKILL here: the state file was never switched

        BootPlan plan = store.planBoot();
        assertThat(plan.generation()).isZero();
        assertThat(store.bundlesDir(partial)).doesNotExist();
    }

    @Test
    void aGenerationWhoseBundlesVanishedFallsBack() throws IOException {
        int generation = install("1.1.0", "c1", 300);
        store.planBoot();
        store.confirmTrial();
        GenerationStore.deleteTree(store.bundlesDir(generation));
        assertThat(store.planBoot().generation()).isZero();
    }

    @Test
    void aMalformedStateFileIsAClearErrorAndTheFactoryReleaseStarts() throws IOException {
        Files.createDirectories(data.resolve("releases"));
        Files.writeString(data.resolve("releases").resolve(GenerationStore.STATE_FILE), "current.generation=two\n");
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("malformed");

        BootPlan plan = store.planBoot();
        assertThat(plan.generation()).as("the launcher still starts, on the factory release").isZero();
        assertThat(store.load().lastRevert().reason()).contains("unreadable").contains("malformed");
        assertThat(data.resolve("releases").resolve(GenerationStore.STATE_FILE + ".unreadable")).exists();
    }

    private int install(String release, String campaign, int window) throws IOException {
        int generation = store.prepareNext();
        Files.write(store.bundlesDir(generation).resolve("bundle.jar"), new byte[] {1});
        String running = store.load().current().release();
        store.beginTrial(generation, release, campaign, window, running == null ? "1.0.0" : running);
        return generation;
    }
}
