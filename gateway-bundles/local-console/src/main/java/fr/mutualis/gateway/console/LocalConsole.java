package fr.mutualis.gateway.console;

import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.StoredFrameListener;
import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import fr.mutualis.gateway.console.auth.ConsoleCredential;
import fr.mutualis.gateway.console.state.GatewayState;
import fr.mutualis.gateway.console.state.RecentReadings;
import fr.mutualis.gateway.console.state.StateCollector;
import fr.mutualis.hardware.io.DigitalOutputs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The local console as a DS component: every service it shows is optional and dynamic, so the
 * console comes up first and stays up whatever else fails — that is when a technician needs it.
 * Nothing here calls the fleet: it works with the backhaul down.
 */
@Component(service = StoredFrameListener.class, configurationPid = LocalConsole.PID, immediate = true)
@Designate(ocd = LocalConsole.Config.class)
public class LocalConsole implements StoredFrameListener {

    public static final String PID = "fr.mutualis.gateway.console";

    @ObjectClassDefinition(name = "Local console", description = "The technician's page on the gateway's LAN.")
    public @interface Config {
        @AttributeDefinition(name = "Bind address", description = "0.0.0.0 for every interface, 127.0.0.1 for an"
                + " SSH tunnel only")
        String bindAddress() default "0.0.0.0";

        @AttributeDefinition(name = "Port", min = "1", max = "65535")
        int port() default 8080;

        @AttributeDefinition(name = "Session (min)", description = "A login lasts this long", min = "1")
        int sessionMinutes() default 60;

        @AttributeDefinition(name = "Time zone", description = "For the times shown on the page")
        String zone() default "Europe/Paris";
    }

    /** The agent's data directory as the launcher sets it (the property gateway-core reads too). */
    static final String DATA_DIR_PROPERTY = "mutualis.data.dir";
    private static final int LOG_LINES = 30;
    private static final String PASSWORD_LINE = "Local console password";
    /** The enrolment agent's configuration (bundle {@code fr.mutualis.enrolment}). */
    static final String ENROLMENT_PID = "fr.mutualis.gateway.enrolment";
    /** The framework's own bundle and service events: dozens at start, of no use to a technician. */
    private static final java.util.regex.Pattern FRAMEWORK_EVENT =
            java.util.regex.Pattern.compile("(Bundle|Service|Framework)Event ");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LightingControl lighting;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DigitalOutputs outputs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ActionLog actions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GatewayClock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GatewayIdentity identity;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LogReaderService logReader;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<MetricsSource> metrics = new CopyOnWriteArrayList<>();

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private final RecentReadings readings = new RecentReadings();
    private ConsoleServer server;
    private ServiceRegistration<MetricsSource> ownMetrics;

    @Activate
    void activate(Config config, BundleContext context) throws IOException {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.zone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone is not a time zone: " + config.zone(), e);
        }
        String configured = context.getProperty(DATA_DIR_PROPERTY);
        Path dataDir = configured != null ? Path.of(configured) : context.getDataFile("").toPath();
        StateCollector state = new StateCollector(new StateCollector.Sources(() -> identity, () -> metrics,
                () -> lighting, () -> outputs, () -> actions, () -> clock, readings, this::recentLogs));
        server = new ConsoleServer(new ConsoleServer.Settings(config.bindAddress(), config.port(),
                Duration.ofMinutes(config.sessionMinutes()), zone), dataDir, state, () -> lighting, this::enrol,
                Clock.systemUTC());
        if (server.newPassword() != null) {
            // Shown once: only its hash stays on the gateway besides the owner-only label file.
            log.warn(PASSWORD_LINE + " (shown once; also in {} for the label printer): {}",
                    dataDir.resolve(ConsoleCredential.LABEL_FILE), server.newPassword());
        }
        ownMetrics = context.registerService(MetricsSource.class, server::metrics, null);
        log.info("Local console on http://{}:{}/", config.bindAddress(), server.port());
    }

    /**
     * Gives the enrolment agent its invitation through its configuration, as {@code enrolment.url}
     * in the installer's file would: the agent restarts with it, enrols, and logs how it went.
     */
    private void enrol(EnrolmentRequest request) throws IOException {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            throw new IOException("no configuration service on this gateway");
        }
        Configuration configuration = admin.getConfiguration(ENROLMENT_PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        Dictionary<String, Object> current = configuration.getProperties();
        if (current != null) {
            for (Enumeration<String> keys = current.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                properties.put(key, current.get(key));
            }
        }
        properties.put("invitation", request.invitation());
        if (!request.gatewayId().isEmpty()) {
            properties.put("gatewayId", request.gatewayId());
        }
        configuration.update(properties);
        log.info("Enrolment invitation for {} given from the console", request.invitation().replaceAll("code=[^&]*",
                "code=…"));
    }

    @Deactivate
    void deactivate() {
        if (ownMetrics != null) {
            ownMetrics.unregister();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void stored(List<ClassifiedFrame> frames) {
        readings.add(frames);
    }

    private List<GatewayState.LogLine> recentLogs() {
        LogReaderService reader = logReader;
        if (reader == null) {
            return List.of();
        }
        List<GatewayState.LogLine> lines = new ArrayList<>();
        for (LogEntry entry : Collections.list(reader.getLog())) {
            if (lines.size() == LOG_LINES) {
                break;
            }
            // The first-start password line stays out of the page: the log on disk is where it was meant to be read.
            if (LogLevel.INFO.implies(entry.getLogLevel()) && !entry.getMessage().startsWith(PASSWORD_LINE)
                    && !FRAMEWORK_EVENT.matcher(entry.getMessage()).lookingAt()) {
                lines.add(new GatewayState.LogLine(Instant.ofEpochMilli(entry.getTime()), entry.getLogLevel().name(),
                        entry.getBundle() == null ? "" : entry.getBundle().getSymbolicName(),
                        entry.getException() == null ? entry.getMessage()
                                : entry.getMessage() + " (" + entry.getException() + ")"));
            }
        }
        return lines;
    }
}
