package fr.mutualis.fleet.configuration;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.gateway.GatewayRegistryChanged;
import fr.mutualis.fleet.security.CommuneScope;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes of configuration layers and the gateways' desired versions that follow from them. A
 * change is validated against the schemas the gateways it reaches have reported (nothing is
 * stored, audited or published if anything is wrong); then, in one transaction, the layer's new
 * revision, a new desired version for every gateway whose effective configuration changes, the
 * push that lists them, and the audit entry; then each version is published, retained.
 *
 * <p>Changes are serialised by a PostgreSQL advisory lock, so that two concurrent changes
 * cannot compute a gateway's configuration from each other's half-written layers.
 */
@Service
public class DesiredConfigurations {

    private static final Logger log = LoggerFactory.getLogger(DesiredConfigurations.class);

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('mutualis'), hashtext('configuration'))";

    private final JdbcClient jdbc;
    private final ConfigurationLayers layers;
    private final GatewayConfigurations gateways;
    private final PushProgress pushes;
    private final ConfigurationPublisher publisher;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    /**
     * Registry changes are reconciled here, after their commit: on the request's own thread the
     * reconciliation would take a second database connection while the request still holds its
     * first (until the transaction's completion callbacks are over), and a burst of changes could
     * take the whole pool.
     */
    private final ExecutorService registryChanges = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mutualis-config-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    DesiredConfigurations(JdbcClient jdbc, ConfigurationLayers layers, GatewayConfigurations gateways,
                          PushProgress pushes, ConfigurationPublisher publisher, AuditLog audit,
                          PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.layers = layers;
        this.gateways = gateways;
        this.pushes = pushes;
        this.publisher = publisher;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        // Each change commits on its own before it is published, whatever transaction a caller has
        // open: joining it would publish versions the fleet might then roll back.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Replaces a layer's content and pushes the result to every gateway it changes.
     *
     * @param commune the commune of a commune or gateway layer (audit, push visibility), else null
     * @throws InvalidConfigurationException listing every problem, before anything changes
     */
    PushProgress.View updateLayer(LayerId id, Map<String, Map<String, Object>> components, String commune, Actor actor) {
        Instant now = clock.instant();
        UUID push = UUID.randomUUID();
        List<GatewayConfigurations.Version> changed = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            jdbc.sql(LOCK).query().listOfRows();
            List<GatewayConfigurations.Target> targets = gateways.reachedBy(id);
            List<SchemaValidation.SchemaGroup> groups = gateways.schemaGroups(targets);
            List<InvalidConfigurationException.Problem> problems = SchemaValidation.problems(components, groups,
                    groups.isEmpty() ? gateways.latestSchemas() : Map.of());
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            Map<String, Map<String, Object>> before = layers.current(id).map(ConfigurationLayers.Revision::components)
                    .orElse(Map.of());
            long revision = layers.save(id, components, actor, now);
            pushes.record(push, id, revision, commune, actor.name(), now);
            Map<LayerId, Map<String, Map<String, Object>>> all = layers.all();
            for (GatewayConfigurations.Target target : targets) {
                EffectiveConfiguration effective = EffectiveConfiguration.merge(
                        ConfigurationLayers.layersOf(all, target.gatewayId(), target.commune(), target.tags()));
                if (changes(target, effective)) {
                    GatewayConfigurations.Version version = gateways.newVersion(target.gatewayId(), target.commune(),
                            effective.components(), now);
                    pushes.addGateway(push, target.gatewayId(), version.version());
                    changed.add(version);
                }
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("revision", revision);
            after.put("components", components);
            after.put("push", push.toString());
            after.put("gateways", changed.size());
            audit.record(actor, "configuration.layer.update", "configuration-layer", id.toString(), commune,
                    Map.of("components", before), after);
        });
        publisher.publish(changed);
        return pushes.progress(pushes.header(push).orElseThrow(), CommuneScope.everything());
    }

    /**
     * Brings one gateway's desired version in line with its layers, for gateways the layers did not
     * reach when they changed (new, or whose commune or tags changed since); called on its reports,
     * on the MQTT client's thread, so the new version is published from the publisher's own thread.
     */
    void reconcile(String gatewayId) {
        List<GatewayConfigurations.Version> changed = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            GatewayConfigurations.Target target = gateways.target(gatewayId).orElse(null);
            if (target == null) {
                return;
            }
            EffectiveConfiguration effective = effective(target);
            if (!changes(target, effective)) {
                return;
            }
            jdbc.sql(LOCK).query().listOfRows();
            GatewayConfigurations.Target locked = gateways.target(gatewayId).orElseThrow();
            EffectiveConfiguration current = effective(locked);
            if (changes(locked, current)) {
                changed.add(gateways.newVersion(gatewayId, locked.commune(), current.components(), clock.instant()));
            }
        });
        publisher.publishInBackground(changed);
    }

    /**
     * A gateway's tags may have changed: it gets the layers of its new tags (or loses those of old
     * ones) now — once the change is committed, so that publishing (up to the broker's timeout)
     * never holds the registry change's row locks, and on a thread of its own.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void onRegistryChanged(GatewayRegistryChanged change) {
        registryChanges.execute(() -> {
            try {
                reconcile(change.gatewayId());
            } catch (RuntimeException e) {
                // The gateway's next configuration report reconciles it again.
                log.warn("Configuration of {} not reconciled after its registry change: {}", change.gatewayId(),
                        e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        registryChanges.shutdown();
        registryChanges.awaitTermination(15, TimeUnit.SECONDS);
    }

    /** The gateway's effective configuration as its layers say now. */
    EffectiveConfiguration effective(GatewayConfigurations.Target target) {
        return EffectiveConfiguration.merge(ConfigurationLayers.layersOf(
                layers.relevantTo(target.gatewayId(), target.commune(), target.tags()),
                target.gatewayId(), target.commune(), target.tags()));
    }

    private boolean changes(GatewayConfigurations.Target target, EffectiveConfiguration effective) {
        if (target.desiredVersion() == null) {
            return !effective.components().isEmpty();
        }
        return !ConfigurationDiff.between(gateways.desiredComponents(target.gatewayId(), target.desiredVersion()),
                effective.components()).isEmpty();
    }
}
