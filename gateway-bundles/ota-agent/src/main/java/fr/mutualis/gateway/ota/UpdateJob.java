package fr.mutualis.gateway.ota;

import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.release.generation.GenerationStore;
import fr.mutualis.gateway.release.pkg.CorruptedDownloadException;
import fr.mutualis.gateway.release.pkg.DeploymentPackage;
import fr.mutualis.gateway.release.pkg.PackageLimits;
import fr.mutualis.gateway.release.pkg.PackageReader;
import fr.mutualis.gateway.release.pkg.PackageRefusedException;
import fr.mutualis.gateway.release.pkg.PackageVerifier;
import fr.mutualis.gateway.release.pkg.ReleaseVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Carries one order from download to the restart into the new generation: checks what can be
 * checked before downloading (key installed, anti-rollback), downloads with resume, verifies, unpacks
 * into a new generation, switches to it on trial and asks for a framework restart. The health check
 * happens in the new generation ({@link TrialMonitor}). Every outcome is a status; nothing here
 * throws at the caller.
 */
final class UpdateJob implements Runnable {

    /** What a job needs from its surroundings. */
    interface Environment {
        PublicKey releaseKey() throws UpdateFailure;

        HttpClient httpClient() throws UpdateFailure;

        void restartFramework();

        void log(String message);
    }

    /** Job tuning from the component's configuration. */
    record Settings(Path downloadDir, int attempts, Duration retryDelay, Duration readTimeout, Duration stallTimeout,
                    int trialMarginSeconds, int defaultContactTimeoutSeconds) {
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final UpdateOrder order;
    private final Statuses statuses;
    private final StatusJournal journal;
    private final GenerationStore generations;
    private final OtaMetrics metrics;
    private final Environment environment;
    private final Settings settings;
    /** Released by {@link #cancel}: also cuts a retry back-off or a bandwidth wait short. */
    private final CountDownLatch cancellation = new CountDownLatch(1);
    private volatile boolean installing;

    UpdateJob(UpdateOrder order, Statuses statuses, StatusJournal journal, GenerationStore generations, OtaMetrics metrics,
              Environment environment, Settings settings) {
        this.order = order;
        this.statuses = statuses;
        this.journal = journal;
        this.generations = generations;
        this.metrics = metrics;
        this.environment = environment;
        this.settings = settings;
    }

    String campaign() {
        return order.campaign();
    }

    /** Whether {@link #cancel} still stops the job: not once it has started installing. */
    boolean cancellable() {
        return !installing;
    }

    /** Stops the job if it has not started installing; returns whether it will stop. */
    boolean cancel() {
        cancellation.countDown();
        return !installing;
    }

    @Override
    public void run() {
        Path part = null;
        try {
            PublicKey key = environment.releaseKey();
            if (ReleaseAdmission.decide(order.release(), statuses.runningRelease(), order.allowDowngrade())
                    == ReleaseAdmission.Decision.ALREADY_RUNNING) {
                journal.record(order, statuses.ended(order, UpdateStatus.Step.SUCCEEDED,
                        "release " + order.release() + " is already running"));
                return;
            }
            if (!SHA256.matcher(order.sha256()).matches()) {
                throw UpdateFailure.refused("the order's sha256 '" + order.sha256() + "' is not a SHA-256 in hex");
            }
            part = settings.downloadDir().resolve(order.sha256().toLowerCase(Locale.ROOT) + ".part");
            DeploymentPackage verified = downloadAndVerify(part, key);
            install(part, verified);
        } catch (UpdateFailure failure) {
            (failure.step() == UpdateStatus.Step.REFUSED ? metrics.refusals : metrics.failures).incrementAndGet();
            environment.log("Update " + order.campaign() + " to " + order.release() + " " + failure.step() + ": " + failure.getMessage());
            journal.record(order, statuses.ended(order, failure.step(), failure.getMessage()));
            deleteQuietly(part);
        } catch (CancellationException e) {
            environment.log("Update " + order.campaign() + " cancelled: the order was withdrawn or replaced");
            metrics.failures.incrementAndGet();
            journal.record(order, statuses.ended(order, UpdateStatus.Step.FAILED, "the fleet withdrew or replaced the order before installation"));
            deleteQuietly(part);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A corrupted package is refused, except after a resumed download: that builds on what an
     * earlier attempt left on disk, which a power cut may have left with an unsynced, zero-filled
     * tail, so the whole package is fetched once more before refusing it.
     */
    private DeploymentPackage downloadAndVerify(Path part, PublicKey key) throws UpdateFailure, InterruptedException {
        ReleaseVersion wanted = ReleaseVersion.parse(order.release());
        for (boolean firstFetch = true; ; firstFetch = false) {
            boolean resumed = download(part);
            journal.record(order, statuses.step(order, UpdateStatus.Step.VERIFYING));
            try {
                return verify(part, key, wanted);
            } catch (CorruptedDownloadException corrupted) {
                if (!resumed || !firstFetch) {
                    throw UpdateFailure.refused(corrupted.getMessage());
                }
                environment.log("The resumed download of " + order.release() + " is corrupted ("
                        + corrupted.getMessage() + "): downloading it again from the start");
                metrics.downloadsRestarted.incrementAndGet();
                deleteQuietly(part);
            }
        }
    }

    /** Downloads the package into {@code part}; returns whether any attempt built on bytes already on disk. */
    private boolean download(Path part) throws UpdateFailure, InterruptedException {
        try {
            Files.createDirectories(settings.downloadDir());
        } catch (IOException e) {
            throw UpdateFailure.failed("cannot create " + settings.downloadDir() + ": " + e.getMessage(), e);
        }
        URI url;
        try {
            url = URI.create(order.packageUrl());
        } catch (IllegalArgumentException e) {
            throw UpdateFailure.refused("the package address is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw UpdateFailure.refused("the package address must be https://, was " + order.packageUrl());
        }
        PackageDownload download = new PackageDownload(environment.httpClient(), settings.readTimeout(), settings.stallTimeout());
        ProgressReporter progress = new ProgressReporter();
        progress.report(sizeOf(part));
        IOException last = null;
        boolean resumed = false;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            long before = sizeOf(part);
            if (before >= order.size()) {
                return true;
            }
            if (before > 0) {
                resumed = true;
                metrics.downloadsResumed.incrementAndGet();
                environment.log("Resuming the download of " + order.release() + " at byte " + before);
            }
            try {
                long added = download.attempt(url, part, order.size(), order.maxBytesPerSecond(), progress::report, cancellation);
                if (sizeOf(part) >= order.size()) {
                    metrics.bytesDownloaded.addAndGet(added);
                    return resumed;
                }
                last = new IOException("the connection ended after " + sizeOf(part) + " of " + order.size() + " bytes");
            } catch (PackageDownload.StorageFailure e) {
                throw UpdateFailure.failed(e.getMessage(), e);
            } catch (IOException e) {
                last = e;
            }
            // An incomplete attempt counts what reached the disk (the same bytes are not counted again).
            metrics.bytesDownloaded.addAndGet(Math.max(0, sizeOf(part) - before));
            environment.log("Download attempt " + attempt + " of " + order.release() + " failed: " + last);
            if (cancellation.await(settings.retryDelay().toMillis() * attempt, TimeUnit.MILLISECONDS)) {
                throw new CancellationException();
            }
        }
        throw UpdateFailure.failed("download failed after " + settings.attempts() + " attempts: " + last, last);
    }

    private DeploymentPackage verify(Path part, PublicKey key, ReleaseVersion wanted)
            throws UpdateFailure, CorruptedDownloadException {
        try {
            return new PackageVerifier(key, new PackageReader(PackageLimits.GATEWAY))
                    .verify(part, order.size(), order.sha256(), order.signature(), wanted);
        } catch (CorruptedDownloadException e) {
            throw e;
        } catch (PackageRefusedException e) {
            throw UpdateFailure.refused(e.getMessage());
        } catch (IOException e) {
            throw UpdateFailure.failed("cannot read the downloaded package: " + e.getMessage(), e);
        }
    }

    private void install(Path part, DeploymentPackage verified) throws UpdateFailure {
        if (cancellation.getCount() == 0) {
            throw new CancellationException();
        }
        installing = true;
        journal.record(order, statuses.step(order, UpdateStatus.Step.INSTALLING));
        try {
            int generation = generations.prepareNext();
            new PackageReader(PackageLimits.GATEWAY).extractBundles(part, verified, generations.bundlesDir(generation));
            int contact = order.contactTimeoutSeconds() > 0 ? order.contactTimeoutSeconds() : settings.defaultContactTimeoutSeconds();
            // The launcher's own deadline: long enough for the agent's health check, and it still
            // fires when the new release never gets as far as starting its agent.
            int window = order.healthWindowSeconds() + contact + settings.trialMarginSeconds();
            generations.beginTrial(generation, order.release(), order.campaign(), window, statuses.runningRelease());
        } catch (PackageRefusedException e) {
            throw UpdateFailure.refused(e.getMessage());
        } catch (IOException e) {
            throw UpdateFailure.failed("cannot install release " + order.release() + ": " + e.getMessage(), e);
        }
        metrics.installs.incrementAndGet();
        deleteQuietly(part);
        environment.log("Release " + order.release() + " installed: restarting into it, on trial");
        environment.restartFramework();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale partial file is replaced by the next download of the same digest
        }
    }

    /** DOWNLOADING every 10 %, not every chunk. */
    private final class ProgressReporter {
        private int lastTenth = -1;

        void report(long bytesOnDisk) {
            int percent = (int) Math.min(100, bytesOnDisk * 100 / order.size());
            if (percent / 10 > lastTenth) {
                lastTenth = percent / 10;
                journal.record(order, statuses.downloading(order, percent));
            }
        }
    }
}
