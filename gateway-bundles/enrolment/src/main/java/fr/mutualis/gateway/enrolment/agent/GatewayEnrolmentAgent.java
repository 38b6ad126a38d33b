package fr.mutualis.gateway.enrolment.agent;

import fr.mutualis.gateway.enrolment.EnrolledIdentity;
import fr.mutualis.gateway.enrolment.EnrolmentClient;
import fr.mutualis.gateway.enrolment.EnrolmentException;
import fr.mutualis.gateway.enrolment.EnrolmentInvitation;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Gives the gateway its identity. When the data directory holds an enrolment (made by this
 * component or by {@code mutualis enrol}), the gateway's identity and its mTLS uplink are
 * configured from it. Otherwise, with an enrolment invitation configured, it enrols in the
 * background (the network may not be up at first boot), retrying with backoff while the failure is
 * transient and stopping with a clear error when the fleet refuses (a new code is needed).
 */
@Component(configurationPid = GatewayEnrolmentAgent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = GatewayEnrolmentAgent.Config.class)
public class GatewayEnrolmentAgent {

    public static final String PID = "fr.mutualis.gateway.enrolment";
    static final String IDENTITY_PID = "fr.mutualis.gateway.identity";
    static final String UPLINK_PID = "fr.mutualis.gateway.uplink.mqtt";
    static final String DATA_DIR_PROPERTY = "mutualis.data.dir";

    @ObjectClassDefinition(name = "Enrolment", description = "How this gateway obtains its certificate.")
    public @interface Config {
        @AttributeDefinition(name = "Enrolment invitation",
                description = "The URL of the enrolment QR code: https://fleet:8443/enrol?code=...&ca=...")
        String invitation() default "";

        @AttributeDefinition(name = "Proposed gateway id",
                description = "The id this gateway asks for when the code does not name one.")
        String gatewayId() default "";

        @AttributeDefinition(name = "Longest retry delay (s)", min = "1")
        int maxRetrySeconds() default 300;

        @AttributeDefinition(name = "Renewal check interval (s)",
                description = "How often the certificate's remaining life is checked.", min = "1")
        int renewalCheckSeconds() default 3600;

        @AttributeDefinition(name = "Renew at remaining life (%)",
                description = "The certificate is renewed once less than this share of its lifetime remains.",
                min = "1", max = "90")
        int renewAtRemainingPercent() default 33;
    }

    private final Logger log;
    private final ConfigurationAdmin configurationAdmin;
    private final IdentityFiles files;
    private ScheduledExecutorService enrolling;
    private final CertificateRenewal renewal;

    @Activate
    public GatewayEnrolmentAgent(Config config, BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
                                 @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.log = log;
        this.configurationAdmin = configurationAdmin;
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        this.files = IdentityFiles.under(Path.of(dataDir == null ? "data" : dataDir));
        this.renewal = new CertificateRenewal(files, new EnrolmentClient(Duration.ofSeconds(20)),
                Duration.ofSeconds(config.renewalCheckSeconds()), config.renewAtRemainingPercent(), this::renewed, log);
        var enrolled = files.load();
        if (enrolled.isPresent()) {
            configure(enrolled.get());
            renewal.start();
            return;
        }
        if (config.invitation().isBlank()) {
            log.info("Not enrolled and no enrolment invitation configured (enrolment.url): waiting for one");
            return;
        }
        EnrolmentInvitation invitation;
        try {
            invitation = EnrolmentInvitation.parse(config.invitation());
        } catch (IllegalArgumentException e) {
            log.error("Enrolment impossible: {}", e.getMessage());
            return;
        }
        enrolling = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-enrolment");
            thread.setDaemon(true);
            return thread;
        });
        EnrolmentClient client = new EnrolmentClient(Duration.ofSeconds(20));
        enrolling.execute(() -> attempt(client, invitation, config.gatewayId(), 1_000,
                Duration.ofSeconds(config.maxRetrySeconds()).toMillis()));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        renewal.stop();
        if (enrolling != null) {
            enrolling.shutdownNow();
            enrolling.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * One enrolment attempt; a transient failure (network down at first boot, fleet unavailable)
     * schedules the next with exponential backoff and jitter, a refusal stops: it needs a person.
     */
    private void attempt(EnrolmentClient client, EnrolmentInvitation invitation, String proposedId, long delayMillis,
                         long maxDelayMillis) {
        try {
            log.info("Enrolling with {} ...", invitation.fleetUrl());
            EnrolledIdentity identity = client.enrol(invitation, proposedId, files);
            log.info("Enrolled as gateway {} of commune {} (certificate {}, valid until {})", identity.gatewayId(),
                    identity.commune(), identity.serial(), identity.notAfter());
            configure(identity);
            renewal.start();
        } catch (EnrolmentException e) {
            if (e.permanent()) {
                log.error("Enrolment refused, a technician must act: {}", e.getMessage());
                return;
            }
            long delay = delayMillis + ThreadLocalRandom.current().nextLong(delayMillis / 2 + 1);
            log.warn("Enrolment failed, retrying in {} s: {}", delay / 1000, e.getMessage());
            try {
                enrolling.schedule(() -> attempt(client, invitation, proposedId,
                        Math.min(delayMillis * 2, maxDelayMillis), maxDelayMillis), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // deactivated meanwhile
            }
        } catch (IOException e) {
            log.error("Enrolled, but cannot apply the identity: {}", e.getMessage());
        }
    }

    private void renewed(EnrolledIdentity identity) {
        try {
            configure(identity);
            // Only now that the uplink points at the new files may the old ones go.
            files.pruneExcept(identity.serial());
        } catch (IOException e) {
            log.error("Renewed certificate {} saved, but the uplink could not be pointed at it: {}", identity.serial(),
                    e.getMessage());
        }
    }

    /**
     * Points the identity and the uplink at the enrolment; only the keys set here are touched. The
     * file names carry the certificate's serial, so a renewal changes the uplink's configuration and
     * it reconnects with the new certificate.
     */
    private void configure(EnrolledIdentity identity) throws IOException {
        // The uplink first and the identity last: components waiting for the identity then start
        // once, with their connection settings already in place.
        update(UPLINK_PID, Map.of(
                "brokerUrl", identity.mqttUrl(),
                "caCertificateFile", files.rootCaFile().toString(),
                "clientCertificateFile", files.certificateChainFile(identity).toString(),
                "clientKeyFile", files.keyFile(identity).toString()));
        update(IDENTITY_PID, Map.of("gatewayId", identity.gatewayId(), "commune", identity.commune()));
    }

    private void update(String pid, Map<String, Object> values) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> merged = new Hashtable<>();
        Dictionary<String, Object> current = configuration.getProperties();
        if (current != null) {
            for (Enumeration<String> keys = current.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                merged.put(key, current.get(key));
            }
        }
        values.forEach(merged::put);
        configuration.updateIfDifferent(merged);
    }
}
