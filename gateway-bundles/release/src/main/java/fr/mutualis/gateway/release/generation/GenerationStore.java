package fr.mutualis.gateway.release.generation;

import fr.mutualis.gateway.release.pkg.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The generations on disk and the state file that says which one runs
 * ({@code <data dir>/releases/state.properties}). The state file is the only switch: it is
 * replaced atomically (write, sync, rename), so a power cut or SIGKILL at any moment leaves either
 * the old state or the new one. A generation directory that the state does not name — an install
 * cut short, a reverted release — is deleted at the next start.
 *
 * <p>Used by the launcher (outside OSGi) and by the ota-agent bundle (which embeds a private copy
 * of this package): both sides read and write the same small file, never at the same time in a
 * way that matters — the agent writes before asking for a restart, the launcher between runs or
 * when a trial's time is up.
 */
public final class GenerationStore {

    public static final int FACTORY = 0;
    static final String STATE_FILE = "state.properties";

    private final Path dataDir;
    private final Path releasesDir;
    private final Path factoryBundles;

    /** @param factoryBundles the distribution's bundle directory; may be null for the agent, which never starts it */
    public GenerationStore(Path dataDir, Path factoryBundles) {
        this.dataDir = dataDir;
        this.releasesDir = dataDir.resolve("releases");
        this.factoryBundles = factoryBundles;
    }

    public GenerationState load() throws IOException {
        Path file = releasesDir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return GenerationState.factory();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return StateProperties.read(properties);
    }

    public void save(GenerationState state) throws IOException {
        Files.createDirectories(releasesDir);
        StringWriter text = new StringWriter();
        StateProperties.write(state).store(text, "Mutualis gateway generations: written by the launcher and the ota-agent");
        AtomicFiles.write(releasesDir.resolve(STATE_FILE), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public Path bundlesDir(int generation) {
        return generation == FACTORY ? factoryBundles : releasesDir.resolve(Integer.toString(generation)).resolve("bundles");
    }

    /** Each generation has its own framework cache; the factory keeps the historical location. */
    public Path cacheDir(int generation) {
        return generation == FACTORY ? dataDir.resolve("felix-cache")
                : releasesDir.resolve(Integer.toString(generation)).resolve("felix-cache");
    }

    /** A new, empty generation directory to unpack a release into; not used until {@link #beginTrial}. */
    public int prepareNext() throws IOException {
        GenerationState state = load();
        int next = Math.max(state.current().generation(), state.previous() == null ? 0 : state.previous().generation());
        Files.createDirectories(releasesDir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(releasesDir)) {
            for (Path entry : entries) {
                next = Math.max(next, number(entry));
            }
        }
        next++;
        Path dir = releasesDir.resolve(Integer.toString(next));
        deleteTree(dir);
        Files.createDirectories(dir.resolve("bundles"));
        return next;
    }

    /**
     * Makes {@code generation} current, on trial; what runs now becomes the fallback.
     *
     * @param runningRelease the release running now (kept with the fallback for the revert report)
     */
    public void beginTrial(int generation, String release, String campaign, int windowSeconds, String runningRelease)
            throws IOException {
        GenerationState state = load();
        GenerationState.Slot running = new GenerationState.Slot(state.current().generation(), runningRelease);
        save(new GenerationState(new GenerationState.Slot(generation, release), running,
                new GenerationState.Trial(campaign, windowSeconds, 0), null));
    }

    /** The generation on trial passed its health check: it stays; the previous one remains the fallback. */
    public void confirmTrial() throws IOException {
        GenerationState state = load();
        if (state.trial() != null) {
            save(new GenerationState(state.current(), state.previous(), null, null));
        }
    }

    /**
     * Goes back to the fallback generation (the factory set when none is recorded) and records why.
     * Does nothing when no generation is on trial: a confirmed release is never reverted behind the
     * operator's back.
     */
    public GenerationState revert(String reason) throws IOException {
        GenerationState state = load();
        if (state.trial() == null) {
            return state;
        }
        GenerationState.Slot back = state.previous() != null ? state.previous() : new GenerationState.Slot(FACTORY, null);
        GenerationState reverted = new GenerationState(back, null, null,
                new GenerationState.Revert(state.trial().campaign(), state.current().release(), reason));
        save(reverted);
        return reverted;
    }

    /** The agent recorded the revert in its own status file: the launcher's note can go. */
    public void clearLastRevert() throws IOException {
        GenerationState state = load();
        if (state.lastRevert() != null) {
            save(new GenerationState(state.current(), state.previous(), state.trial(), null));
        }
    }

    /**
     * Decides what to start, called by the launcher before each framework start. A generation on
     * trial gets one boot: if it is being started again, the previous run died (SIGKILL, power cut,
     * crash) before confirming, and the launcher reverts. A generation whose directory is missing
     * also reverts. Directories no longer named by the state are deleted.
     */
    public BootPlan planBoot() throws IOException {
        GenerationState state;
        try {
            state = load();
        } catch (IOException unreadable) {
            // A gateway that cannot start is worse than one back on its factory release: keep the
            // bad file for inspection and start from the distribution's bundles.
            Path file = releasesDir.resolve(STATE_FILE);
            Files.move(file, file.resolveSibling(STATE_FILE + ".unreadable"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            state = new GenerationState(new GenerationState.Slot(FACTORY, null), null, null,
                    new GenerationState.Revert("", null, "the generations state file was unreadable (" + unreadable.getMessage()
                            + "): started the factory release"));
            save(state);
        }
        if (state.trial() != null && state.trial().boots() >= 1) {
            state = revert("the gateway restarted before release " + state.current().release()
                    + " passed its health check (crash, kill or power cut during the trial)");
        }
        if (state.current().generation() != FACTORY && !hasBundles(state.current().generation())) {
            state = state.trial() != null ? revert("the bundles of release " + state.current().release() + " are missing")
                    : new GenerationState(new GenerationState.Slot(FACTORY, null), null, null, state.lastRevert());
            save(state);
        }
        if (state.trial() != null) {
            GenerationState.Trial trial = state.trial();
            state = new GenerationState(state.current(), state.previous(),
                    new GenerationState.Trial(trial.campaign(), trial.windowSeconds(), trial.boots() + 1), state.lastRevert());
            save(state);
        }
        removeUnused(state);
        int generation = state.current().generation();
        return new BootPlan(generation, bundlesDir(generation), cacheDir(generation), state.current().release(),
                state.trial() == null ? null : state.trial().windowSeconds());
    }

    private boolean hasBundles(int generation) throws IOException {
        Path dir = bundlesDir(generation);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"));
        }
    }

    private void removeUnused(GenerationState state) throws IOException {
        if (!Files.isDirectory(releasesDir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(releasesDir)) {
            for (Path entry : entries) {
                int number = number(entry);
                boolean used = number == state.current().generation()
                        || (state.previous() != null && number == state.previous().generation());
                if (number > 0 && !used) {
                    deleteTree(entry);
                }
            }
        }
        if (state.current().generation() != FACTORY && (state.previous() == null || state.previous().generation() != FACTORY)) {
            // the factory generation's bundles live in the distribution; only its cache is ours to drop
            deleteTree(cacheDir(FACTORY));
        }
    }

    private static int number(Path entry) {
        String name = entry.getFileName().toString();
        return Files.isDirectory(entry) && name.matches("[0-9]{1,9}") ? Integer.parseInt(name) : -1;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
