package fr.mutualis.gateway.config;

import fr.mutualis.contract.ConfigurationPids;
import fr.mutualis.gateway.api.MetricsSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Whether the gateway is still healthy after a configuration change, judged against how it was
 * just before:
 * <ul>
 * <li>every component of a changed PID runs with the new values (DS shows them in its
 *     configuration) and is active or satisfied — not failed to activate;</li>
 * <li>every component that was active or satisfied before still is (a change can break a
 *     dependent component);</li>
 * <li>the uplink, if it was connected, is connected again (a configuration that cuts the gateway
 *     off from the fleet must never stay);</li>
 * <li>no {@code *.config.rejected} counter of a {@link MetricsSource} rose: components that refuse
 *     a configuration they cannot use, and keep the old one (the filter pipeline), count it so.</li>
 * </ul>
 */
final class ApplyHealthCheck {

    /** How things were before the change. */
    record Baseline(Set<String> healthyComponents, Map<String, Double> rejections, boolean uplinkConnected) {
    }

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final BooleanSupplier uplinkConnected;

    ApplyHealthCheck(BundleContext context, ServiceComponentRuntime scr, BooleanSupplier uplinkConnected) {
        this.context = context;
        this.scr = scr;
        this.uplinkConnected = uplinkConnected;
    }

    Baseline baseline() {
        Set<String> healthy = new HashSet<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (healthy(configuration)) {
                    healthy.add(description.name);
                }
            }
        }
        return new Baseline(healthy, rejections(), uplinkConnected.getAsBoolean());
    }

    /**
     * The first problem found now, or empty when healthy.
     *
     * @param expected PID → the typed values its components must now show
     */
    Optional<String> problem(Baseline before, Map<String, Map<String, Object>> expected) {
        Map<String, String> states = new HashMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            boolean healthyNow = configurations.stream().anyMatch(ApplyHealthCheck::healthy);
            states.put(description.name, configurations.stream().map(c -> state(c.state)).findFirst().orElse("DISABLED"));
            for (String pid : description.configurationPid) {
                Map<String, Object> values = expected.get(pid);
                if (values == null || !scr.isComponentEnabled(description)) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION && shows(configuration, values)) {
                        return Optional.of("component " + description.name + " failed activation: "
                                + failure(configuration));
                    }
                }
                if (configurations.stream().noneMatch(c -> healthy(c) && shows(c, values))) {
                    return Optional.of("component " + description.name + " does not run with the new configuration"
                            + " (state " + states.get(description.name) + ")");
                }
            }
            Optional<String> instanceProblem = factoryInstanceProblem(description, configurations, expected);
            if (instanceProblem.isPresent()) {
                return instanceProblem;
            }
            if (before.healthyComponents().contains(description.name) && !healthyNow
                    && !removesAnInstanceOf(description, expected)) {
                String failure = configurations.stream().filter(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                        .map(ApplyHealthCheck::failure).findFirst().orElse(null);
                return Optional.of("component " + description.name + " is no longer active (state "
                        + states.get(description.name) + (failure == null ? ")" : "): " + failure));
            }
        }
        if (before.uplinkConnected() && !uplinkConnected.getAsBoolean()) {
            return Optional.of("the uplink is not connected to the fleet's broker");
        }
        Map<String, Double> now = rejections();
        for (Map.Entry<String, Double> counter : now.entrySet()) {
            if (counter.getValue() > before.rejections().getOrDefault(counter.getKey(), 0.0)) {
                return Optional.of(counter.getKey() + " rose: a component refused the new configuration and kept its old one");
            }
        }
        return Optional.empty();
    }

    /**
     * A factory instance ({@code factoryPid~name}: a circuit, a rule) must run as its own component
     * configuration, found by its {@code service.pid}: a rule that cannot activate is refused.
     */
    private Optional<String> factoryInstanceProblem(ComponentDescriptionDTO description,
                                                    Collection<ComponentConfigurationDTO> configurations,
                                                    Map<String, Map<String, Object>> expected) {
        if (!scr.isComponentEnabled(description)) {
            return Optional.empty();
        }
        List<String> factoryPids = Arrays.asList(description.configurationPid);
        for (Map.Entry<String, Map<String, Object>> instance : expected.entrySet()) {
            String pid = instance.getKey();
            if (!ConfigurationPids.isFactoryInstance(pid) || instance.getValue().isEmpty()
                    || !factoryPids.contains(ConfigurationPids.factoryPid(pid))) {
                continue;
            }
            Optional<ComponentConfigurationDTO> own = configurations.stream()
                    .filter(c -> c.properties != null && pid.equals(c.properties.get("service.pid"))).findFirst();
            if (own.isEmpty()) {
                return Optional.of("component " + description.name + " has no configuration " + pid + " yet");
            }
            if (!healthy(own.get()) || !shows(own.get(), instance.getValue())) {
                return Optional.of("component " + description.name + " does not run " + pid + " (state "
                        + state(own.get().state) + (own.get().state == ComponentConfigurationDTO.FAILED_ACTIVATION
                        ? "): " + failure(own.get()) : ")"));
            }
        }
        return Optional.empty();
    }

    /** Whether this apply deletes an instance of the component's factory (it may then rightly have none left). */
    private static boolean removesAnInstanceOf(ComponentDescriptionDTO description,
                                               Map<String, Map<String, Object>> expected) {
        List<String> factoryPids = Arrays.asList(description.configurationPid);
        return expected.entrySet().stream().anyMatch(instance -> instance.getValue().isEmpty()
                && ConfigurationPids.isFactoryInstance(instance.getKey())
                && factoryPids.contains(ConfigurationPids.factoryPid(instance.getKey())));
    }

    private static boolean healthy(ComponentConfigurationDTO configuration) {
        return configuration.state == ComponentConfigurationDTO.ACTIVE
                || configuration.state == ComponentConfigurationDTO.SATISFIED;
    }

    /** True when the component's configuration holds every expected value. */
    private static boolean shows(ComponentConfigurationDTO configuration, Map<String, Object> values) {
        for (Map.Entry<String, Object> value : values.entrySet()) {
            Object actual = configuration.properties == null ? null : configuration.properties.get(value.getKey());
            if (!Objects.equals(PropertyValues.toJson(actual), PropertyValues.toJson(value.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /** The root cause of a failed activation (DS gives a stack trace, whose first line is only a wrapper). */
    private static String failure(ComponentConfigurationDTO configuration) {
        if (configuration.failure == null) {
            return "no reason given";
        }
        String cause = configuration.failure.lines().findFirst().orElse("");
        for (String line : configuration.failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause;
    }

    private Map<String, Double> rejections() {
        Map<String, Double> counters = new HashMap<>();
        try {
            Collection<ServiceReference<MetricsSource>> sources = context.getServiceReferences(MetricsSource.class, null);
            for (ServiceReference<MetricsSource> reference : sources) {
                MetricsSource source = context.getService(reference);
                if (source == null) {
                    continue;
                }
                try {
                    source.metrics().forEach((name, value) -> {
                        if (name.endsWith(".config.rejected") && value != null) {
                            counters.merge(name, value.doubleValue(), Double::sum);
                        }
                    });
                } finally {
                    context.ungetService(reference);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter cannot be invalid", e);
        }
        return counters;
    }

    private static String state(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> String.valueOf(state);
        };
    }

}
