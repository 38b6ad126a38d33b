package fr.mutualis.gateway.config;

import fr.mutualis.contract.ConfigurationPids;
import fr.mutualis.contract.AttributeSchema;
import fr.mutualis.contract.ConfigurationOutcome;
import fr.mutualis.contract.ConfigurationProblem;
import fr.mutualis.contract.DesiredConfiguration;
import fr.mutualis.contract.ReportedComponent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.log.Logger;

/**
 * Applies one desired configuration as a transaction: validate everything against the local
 * Metatype first (nothing is touched if anything is wrong); journal the last known good of every
 * PID about to change; update them all through ConfigAdmin; watch the health checks for a
 * window; then commit (state file, journal deleted) or put every PID back and report why.
 */
final class AtomicApply {

    /** Timings of an apply, from the agent's configuration. */
    record Timing(Duration healthWindow, Duration settle, Duration pauseBetweenComponents) {
    }

    private final ConfigAdminAccess admin;
    private final AgentStateFiles files;
    private final ApplyHealthCheck health;
    private final Logger log;
    private final Supplier<Timing> timing;

    AtomicApply(ConfigAdminAccess admin, AgentStateFiles files, ApplyHealthCheck health, Logger log,
                Supplier<Timing> timing) {
        this.admin = admin;
        this.files = files;
        this.health = health;
        this.log = log;
        this.timing = timing;
    }

    /**
     * At start: an apply journal left behind means an apply was interrupted. If its commit was
     * recorded, only the journal is left to delete; otherwise every PID it names goes back to its
     * last known good.
     */
    AgentState recover(AgentState state) throws IOException {
        return recover(state, "the apply was interrupted by a restart");
    }

    /**
     * Puts back the last known good of an apply left unfinished (see {@link #recover(AgentState)}),
     * reporting {@code reason}: used at start, and when the agent itself fails in the middle of an apply.
     */
    AgentState recover(AgentState state, String reason) throws IOException {
        Optional<ApplyJournal> found = files.readJournal();
        if (found.isEmpty()) {
            return state;
        }
        ApplyJournal journal = found.get();
        if (journal.version() == state.appliedVersion() && state.outcome() == ConfigurationOutcome.APPLIED) {
            files.deleteJournal();
            return state;
        }
        for (Map.Entry<String, Map<String, Object>> entry : journal.lastKnownGood().entrySet()) {
            admin.restore(entry.getKey(), entry.getValue() == null ? null : TypedSnapshot.decode(entry.getValue()));
        }
        AgentState recovered = state.attempt(journal.version(), ConfigurationOutcome.ROLLED_BACK,
                reason + "; the last known good configuration of " + journal.lastKnownGood().keySet() + " was restored");
        files.writeState(recovered);
        files.deleteJournal();
        log.warn("Configuration version {} rolled back ({}): {}", journal.version(), reason,
                journal.lastKnownGood().keySet());
        return recovered;
    }

    /** Applies {@code desired} on top of {@code state}; returns the new state (already persisted). */
    AgentState apply(AgentState state, DesiredConfiguration desired, Map<String, ReportedComponent> catalogue)
            throws IOException, InterruptedException {
        long version = desired.version();
        List<ConfigurationProblem> problems = validate(desired, catalogue);
        if (!problems.isEmpty()) {
            String error = problems.stream().map(ConfigurationProblem::toString).collect(Collectors.joining("; "));
            log.warn("Configuration version {} refused: {}", version, error);
            AgentState refused = state.attempt(version, ConfigurationOutcome.REFUSED, error);
            files.writeState(refused);
            return refused;
        }
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        Map<String, Map<String, Object>> after = new LinkedHashMap<>();
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        for (String pid : new TreeSet<>(union(desired.components().keySet(), state.applied().keySet()))) {
            Map<String, Object> current = admin.current(pid);
            Map<String, Object> next = new LinkedHashMap<>(current == null ? Map.of() : current);
            state.applied().getOrDefault(pid, Map.of()).keySet().forEach(next::remove);
            Map<String, Object> typed = typed(catalogue.get(ConfigurationPids.schemaKey(pid)), desired.components().getOrDefault(pid, Map.of()));
            next.putAll(typed);
            if (!sameValues(current == null ? Map.of() : current, next) || current == null && !typed.isEmpty()) {
                before.put(pid, current);
                after.put(pid, next);
                expected.put(pid, typed);
            }
        }
        if (after.isEmpty()) {
            AgentState committed = state.committed(version, desired.components());
            files.writeState(committed);
            log.info("Configuration version {} changes nothing here; recorded as applied", version);
            return committed;
        }
        ApplyHealthCheck.Baseline baseline = health.baseline();
        Map<String, Map<String, Object>> journal = new LinkedHashMap<>();
        before.forEach((pid, properties) -> journal.put(pid, properties == null ? null : TypedSnapshot.encode(properties)));
        files.writeJournal(new ApplyJournal(version, journal));
        log.info("Applying configuration version {} to {}", version, after.keySet());
        Timing timing = this.timing.get();
        Optional<String> problem;
        try {
            for (Map.Entry<String, Map<String, Object>> change : after.entrySet()) {
                admin.write(change.getKey(), change.getValue());
                if (!timing.pauseBetweenComponents().isZero()) {
                    Thread.sleep(timing.pauseBetweenComponents().toMillis());
                }
            }
            problem = awaitHealth(baseline, expected, timing);
        } catch (IOException e) {
            problem = Optional.of("ConfigAdmin refused the update: " + e.getMessage());
        }
        if (problem.isEmpty()) {
            AgentState committed = state.committed(version, desired.components());
            files.writeState(committed);
            files.deleteJournal();
            log.info("Configuration version {} applied and healthy: committed", version);
            return committed;
        }
        String error = "health check failed within " + timing.healthWindow().toSeconds() + " s: " + problem.get();
        log.warn("Configuration version {} rolled back: {}", version, error);
        for (Map.Entry<String, Map<String, Object>> previous : before.entrySet()) {
            admin.restore(previous.getKey(), previous.getValue());
        }
        Map<String, Map<String, Object>> restoredValues = new LinkedHashMap<>();
        before.forEach((pid, properties) -> restoredValues.put(pid, properties == null ? Map.of() : properties));
        awaitHealth(baseline, restoredValues, timing).ifPresent(still ->
                log.error("After rolling back configuration version {} the gateway is still unhealthy: {}", version, still));
        AgentState rolledBack = state.attempt(version, ConfigurationOutcome.ROLLED_BACK, error);
        files.writeState(rolledBack);
        files.deleteJournal();
        return rolledBack;
    }

    /**
     * Waits until the checks pass twice, {@code settle} apart (ConfigAdmin and DS work
     * asynchronously: a component may still show its old state a moment after the update), or
     * until the window ends; returns the last problem seen in that case.
     */
    private Optional<String> awaitHealth(ApplyHealthCheck.Baseline baseline, Map<String, Map<String, Object>> expected,
                                         Timing timing) throws InterruptedException {
        long deadline = System.nanoTime() + timing.healthWindow().toNanos();
        long healthySince = -1;
        Optional<String> problem = Optional.empty();
        while (true) {
            problem = health.problem(baseline, expected);
            long now = System.nanoTime();
            if (problem.isEmpty()) {
                if (healthySince < 0) {
                    healthySince = now;
                } else if (now - healthySince >= timing.settle().toNanos()) {
                    return Optional.empty();
                }
            } else {
                healthySince = -1;
            }
            if (now >= deadline) {
                return problem.isPresent() ? problem : Optional.of("the checks did not stay healthy");
            }
            Thread.sleep(200);
        }
    }

    private static List<ConfigurationProblem> validate(DesiredConfiguration desired, Map<String, ReportedComponent> catalogue) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        desired.components().forEach((pid, properties) -> {
            ReportedComponent component = catalogue.get(ConfigurationPids.schemaKey(pid));
            Optional<String> badName = ConfigurationPids.problem(pid);
            if (badName.isPresent()) {
                problems.add(new ConfigurationProblem(pid, null, null, badName.get()));
            } else if (component == null) {
                problems.add(new ConfigurationProblem(pid, null, null,
                        "is not a remotely configurable component of this gateway"));
            } else {
                // Named after the desired PID: for an instance, not after its factory's schema.
                component.problems(properties).forEach(problem -> problems.add(new ConfigurationProblem(pid,
                        problem.property(), problem.value(), problem.detail())));
            }
        });
        return problems;
    }

    private static Map<String, Object> typed(ReportedComponent component, Map<String, Object> json) {
        Map<String, Object> typed = new LinkedHashMap<>();
        if (component == null) {
            return typed;
        }
        Map<String, AttributeSchema> attributes = new LinkedHashMap<>();
        component.attributes().forEach(attribute -> attributes.put(attribute.id(), attribute));
        json.forEach((key, value) -> {
            if (value != null) {
                typed.put(key, PropertyValues.toConfigAdmin(attributes.get(key), value));
            }
        });
        return typed;
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            if (!Objects.equals(PropertyValues.toJson(a.get(key)), PropertyValues.toJson(b.get(key)))) {
                return false;
            }
        }
        return true;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
