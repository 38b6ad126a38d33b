package fr.mutualis.gateway.ota;

import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.UpdateOrderListener;
import fr.mutualis.gateway.api.UpdateStatusSender;
import fr.mutualis.gateway.api.UplinkTransport;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.gateway.release.generation.GenerationState;
import fr.mutualis.gateway.release.generation.GenerationStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Over-the-air updates on the gateway. Takes the fleet's retained {@link UpdateOrder}, runs it as
 * an {@link UpdateJob} (download, verify, install as a new generation, restart), and — when this
 * agent is itself part of a generation on trial — health-checks the release with a
 * {@link TrialMonitor} and confirms it or reverts it. Every step is recorded in a
 * {@link StatusJournal} and reported to the fleet.
 *
 * <p>Decisions about orders run on one scheduler thread, downloads on one worker thread: an order
 * arriving on the uplink's thread is only handed over.
 */
@Component(configurationPid = OtaAgent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {UpdateOrderListener.class, MetricsSource.class})
@Designate(ocd = OtaAgent.Config.class)
public class OtaAgent implements UpdateOrderListener, MetricsSource {

    public static final String PID = "fr.mutualis.gateway.ota";
    static final String RELEASE_PROPERTY = "mutualis.release";
    static final String DATA_DIR_PROPERTY = "mutualis.data.dir";
    static final String CONFIG_FILE_PROPERTY = "mutualis.gateway.config.file";

    @ObjectClassDefinition(name = "Over-the-air updates", description = "Signed release installs with health-checked trial and automatic revert.")
    public @interface Config {
        @AttributeDefinition(name = "Release public key (PEM file)",
                description = "The syndicate's Ed25519 release public key. Relative to the installer's configuration file. "
                        + "Empty: every release is refused.")
        String releaseKeyFile() default "";

        @AttributeDefinition(name = "Download attempts", description = "Each attempt resumes where the previous one stopped.", min = "1")
        int downloadAttempts() default 8;

        @AttributeDefinition(name = "Retry delay (s)", description = "Multiplied by the attempt number.", min = "0")
        int retryDelaySeconds() default 5;

        @AttributeDefinition(name = "Stall timeout (s)",
                description = "A download that receives nothing for this long is abandoned and resumed.", min = "1")
        int stallTimeoutSeconds() default 60;

        @AttributeDefinition(name = "Default contact timeout (s)",
                description = "Dead-man switch when an order does not set one: revert after this long unhealthy or out of contact.", min = "10")
        int defaultContactTimeoutSeconds() default 900;

        @AttributeDefinition(name = "Trial margin (s)",
                description = "Added to the health window and contact timeout for the launcher's own revert deadline.", min = "10")
        int trialMarginSeconds() default 120;
    }

    private final Logger log;
    private final BundleContext context;
    private final GenerationStore generations;
    private final StatusJournal journal;
    private final Statuses statuses;
    private final OtaMetrics metrics = new OtaMetrics();
    private final ReleaseKeySource releaseKey;
    private final GatewayHttps https;
    private final UpdateJob.Settings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;
    private final HealthProbe health;
    private final Config config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UpdateStatusSender statusSender;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UplinkTransport uplink;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime scr;

    // scheduler thread only
    private UpdateJob job;
    private TrialMonitor trial;
    private UpdateOrder trialOrder;

    @Activate
    public OtaAgent(Config config, BundleContext context, @Reference GatewayIdentity identity,
                    @Reference(service = LoggerFactory.class) Logger log) {
        this.config = config;
        this.log = log;
        this.context = context;
        Path dataDir = Path.of(Optional.ofNullable(context.getProperty(DATA_DIR_PROPERTY)).orElse("data"));
        this.generations = new GenerationStore(dataDir, null);
        this.statuses = new Statuses(identity.gatewayId(), identity.commune(), context.getProperty(RELEASE_PROPERTY),
                Clock.systemUTC());
        this.journal = new StatusJournal(dataDir.resolve("ota").resolve("campaign.json"), () -> statusSender, metrics, log::warn);
        this.releaseKey = new ReleaseKeySource(resolve(config.releaseKeyFile(), context.getProperty(CONFIG_FILE_PROPERTY)));
        this.https = new GatewayHttps(IdentityFiles.under(dataDir), Duration.ofSeconds(20));
        this.settings = new UpdateJob.Settings(dataDir.resolve("ota").resolve("download"), config.downloadAttempts(),
                Duration.ofSeconds(config.retryDelaySeconds()), Duration.ofSeconds(60),
                Duration.ofSeconds(config.stallTimeoutSeconds()), config.trialMarginSeconds(),
                config.defaultContactTimeoutSeconds());
        this.health = new HealthProbe(context, () -> scr, () -> uplink);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("mutualis-ota"));
        this.worker = Executors.newSingleThreadExecutor(daemon("mutualis-ota-download"));
        scheduler.execute(this::resumeAfterStart);
        scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        UpdateJob running = job;
        if (running != null) {
            running.cancel();
        }
        worker.shutdownNow();
    }

    @Override
    public void updateOrderReceived(Optional<UpdateOrder> order) {
        scheduler.execute(() -> decide(order));
    }

    @Override
    public Map<String, Number> metrics() {
        return metrics.snapshot();
    }

    /** What the generations state says about how this start came about: a revert to report, a trial to judge. */
    private void resumeAfterStart() {
        GenerationState state;
        try {
            state = generations.load();
        } catch (IOException e) {
            log.error("Cannot read the generations state: " + e.getMessage());
            return;
        }
        state.reverted().ifPresent(revert -> {
            if (revert.campaign().isBlank()) {
                // the launcher's own fallback (unreadable state file): no campaign to report it to
                log.error("Generations: " + revert.reason());
            } else {
                metrics.reverts.incrementAndGet();
                UpdateOrder order = journal.latest().filter(r -> r.isFor(revert.campaign())).map(CampaignRecord::order).orElse(null);
                log.warn("Release " + revert.release() + " was reverted: " + revert.reason());
                journal.record(order, statuses.of(revert.campaign(), revert.release(), UpdateStatus.Step.REVERTED, null,
                        revert.reason()));
            }
            try {
                generations.clearLastRevert();
            } catch (IOException e) {
                log.warn("Cannot clear the revert note: " + e.getMessage());
            }
        });
        state.onTrial().filter(onTrial -> {
            // only the generation on trial judges itself
            boolean self = java.util.Objects.equals(state.current().release(), statuses.runningRelease());
            if (!self) {
                log.warn("The generations state has release " + state.current().release() + " on trial but "
                        + statuses.runningRelease() + " runs: the launcher decides");
            }
            return self;
        }).ifPresent(onTrial -> {
            Optional<CampaignRecord> record = journal.latest().filter(r -> r.isFor(onTrial.campaign()));
            trialOrder = record.map(CampaignRecord::order).orElse(null);
            int window = trialOrder == null ? 0 : trialOrder.healthWindowSeconds();
            int contact = trialOrder == null || trialOrder.contactTimeoutSeconds() <= 0
                    ? config.defaultContactTimeoutSeconds() : trialOrder.contactTimeoutSeconds();
            log.info("Release " + statuses.runningRelease() + " is on trial: healthy for " + window
                    + " s keeps it, unhealthy for " + contact + " s reverts it");
            trial = new TrialMonitor(health::problem, Duration.ofSeconds(window), Duration.ofSeconds(contact), Clock.systemUTC());
            journal.record(trialOrder, statuses.of(onTrial.campaign(), statuses.runningRelease(),
                    UpdateStatus.Step.HEALTH_CHECK, null, null));
        });
    }

    private void tick() {
        try {
            journal.resendPending();
            if (trial != null) {
                judgeTrial();
            }
        } catch (RuntimeException e) {
            log.error("Update agent tick failed: " + e, e);
        }
    }

    private void judgeTrial() {
        TrialMonitor.Verdict verdict = trial.tick();
        String campaign = journal.latest().map(r -> r.status().campaign()).orElse("");
        if (verdict instanceof TrialMonitor.Keep) {
            trial = null;
            try {
                generations.confirmTrial();
            } catch (IOException e) {
                log.error("Cannot confirm release " + statuses.runningRelease() + ": " + e.getMessage()
                        + "; the launcher will revert it at its deadline");
                return;
            }
            log.info("Release " + statuses.runningRelease() + " passed its health check: kept");
            journal.record(trialOrder, statuses.of(campaign, statuses.runningRelease(), UpdateStatus.Step.SUCCEEDED, null, null));
        } else if (verdict instanceof TrialMonitor.Revert revert) {
            trial = null;
            log.warn("Reverting release " + statuses.runningRelease() + ": " + revert.reason());
            try {
                generations.revert(revert.reason());
            } catch (IOException e) {
                log.error("Cannot write the revert: " + e.getMessage() + "; the launcher will revert at its deadline");
                return;
            }
            restartFramework();
        }
    }

    private void decide(Optional<UpdateOrder> received) {
        if (received.isEmpty()) {
            if (job != null && job.cancel()) {
                log.info("Update order withdrawn: stopping the download of campaign " + job.campaign());
            }
            return;
        }
        UpdateOrder order = received.get();
        metrics.ordersReceived.incrementAndGet();
        OrderTriage.Action action = OrderTriage.triage(order, trial != null, journal.latest(),
                Optional.ofNullable(job).map(UpdateJob::campaign), job == null || job.cancellable());
        if (action != OrderTriage.Action.START) {
            return;
        }
        if (job != null) {
            job.cancel();
        }
        log.info("Update order " + order.campaign() + ": release " + order.release() + " (running " + statuses.runningRelease() + ")");
        UpdateJob next = new UpdateJob(order, statuses, journal, generations, metrics, new JobEnvironment(), settings);
        job = next;
        worker.execute(() -> {
            try {
                next.run();
            } finally {
                scheduler.execute(() -> {
                    if (job == next) {
                        job = null;
                    }
                });
            }
        });
    }

    /**
     * Restarts the framework in this process: stops it, and the launcher, seeing the generations
     * state changed, starts the generation it names (an update of the system bundle would make
     * Felix restart the same generation by itself). From a thread of its own: this bundle is
     * stopped on the way.
     */
    private void restartFramework() {
        Thread restart = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                log.error("Cannot restart the framework: " + e + "; the new generation starts at the next restart");
            }
        }, "mutualis-ota-restart");
        restart.start();
    }

    private static Path resolve(String file, String configFile) {
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = Path.of(file.trim());
        if (path.isAbsolute() || configFile == null) {
            return path;
        }
        Path parent = Path.of(configFile).toAbsolutePath().getParent();
        return parent == null ? path : parent.resolve(path).normalize();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class JobEnvironment implements UpdateJob.Environment {
        @Override
        public PublicKey releaseKey() throws UpdateFailure {
            return releaseKey.load();
        }

        @Override
        public HttpClient httpClient() throws UpdateFailure {
            return https.client();
        }

        @Override
        public void restartFramework() {
            OtaAgent.this.restartFramework();
        }

        @Override
        public void log(String message) {
            log.info(message);
        }
    }
}
