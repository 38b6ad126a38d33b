package fr.mutualis.gateway.health;

import fr.mutualis.contract.HealthReport;
import fr.mutualis.gateway.api.GatewayIdentity;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.UplinkException;
import fr.mutualis.gateway.api.UplinkTransport;
import fr.mutualis.gateway.bootstrap.InitialConfigurationSeeder;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes a health report at a fixed interval: the JVM's and the disk's state, the state of
 * every DS component, and the counters of every {@link MetricsSource}.
 */
@Component(configurationPid = HealthReporter.PID, immediate = true)
@Designate(ocd = HealthReporter.Config.class)
public class HealthReporter {

    public static final String PID = "fr.mutualis.gateway.health";

    @ObjectClassDefinition(name = "Health reporting", description = "Periodic health reports to the fleet.")
    public @interface Config {
        @AttributeDefinition(name = "Interval (s)", min = "1")
        int intervalSeconds() default 30;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private GatewayIdentity identity;

    @Reference
    private UplinkTransport uplink;

    @Reference
    private ServiceComponentRuntime componentRuntime;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private ScheduledExecutorService scheduler;
    private File dataDir;

    @Activate
    void activate(Config config, BundleContext context) {
        String dir = context.getProperty(InitialConfigurationSeeder.DATA_DIR_PROPERTY);
        dataDir = dir != null ? new File(dir) : context.getDataFile("");
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-health");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::publish, config.intervalSeconds(), config.intervalSeconds(),
                TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private void publish() {
        if (!uplink.isConnected()) {
            return;
        }
        try {
            Instant now = Instant.now();
            uplink.publishHealth(new HealthReport(HealthReport.VERSION, identity.gatewayId(), identity.commune(),
                    uplink.sessionId(), now, now.getEpochSecond() - startedAt.getEpochSecond(), snapshot()));
        } catch (UplinkException e) {
            log.debug("Health report not sent: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Could not build the health report", e);
        }
    }

    /** All metrics, sorted by name. */
    Map<String, Double> snapshot() {
        Map<String, Double> metrics = new TreeMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        metrics.put("jvm.heap.used.bytes", (double) heap.getUsed());
        metrics.put("jvm.heap.max.bytes", (double) heap.getMax());
        metrics.put("jvm.threads", (double) ManagementFactory.getThreadMXBean().getThreadCount());
        metrics.put("disk.data.free.bytes", (double) dataDir.getUsableSpace());
        metrics.put("disk.data.total.bytes", (double) dataDir.getTotalSpace());
        putComponentStates(metrics);
        for (MetricsSource source : sources) {
            source.metrics().forEach((name, value) -> metrics.put(name, value.doubleValue()));
        }
        return metrics;
    }

    private void putComponentStates(Map<String, Double> metrics) {
        int active = 0;
        int unsatisfied = 0;
        int failed = 0;
        for (var description : componentRuntime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : componentRuntime.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> active++;
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> failed++;
                    default -> unsatisfied++;
                }
            }
        }
        metrics.put("components.active", (double) active);
        metrics.put("components.unsatisfied", (double) unsatisfied);
        metrics.put("components.failed", (double) failed);
    }
}
