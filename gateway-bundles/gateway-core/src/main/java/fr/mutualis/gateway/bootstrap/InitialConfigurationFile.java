package fr.mutualis.gateway.bootstrap;

import fr.mutualis.contract.ConfigurationPids;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The installer's configuration file ({@code gateway.properties}) translated into ConfigAdmin
 * configurations. The file uses short, documented keys so that a technician never has to know
 * a PID; this class is the one place that knows where each key goes.
 */
public final class InitialConfigurationFile {

    /** A file key and where it lands. */
    private record Mapping(String fileKey, String pid, String property, Class<?> type) {
    }

    /**
     * A family of keys {@code <prefix>.<name>.<property>}, each {@code name} one named factory
     * configuration (PID {@code factoryPid~name}): a lighting circuit, an alarm rule. Only the listed
     * properties are accepted; {@code nameProperty} receives the name.
     */
    private record FactoryMapping(String prefix, String factoryPid, String nameProperty, Map<String, Class<?>> properties) {
    }

    /** Separates a factory PID from the instance name in the keys of {@link #configurations()} (ConfigAdmin 1.6). */
    public static final char FACTORY_SEPARATOR = ConfigurationPids.FACTORY_SEPARATOR;

    static final String IDENTITY_PID = "fr.mutualis.gateway.identity";
    static final String UPLINK_PID = "fr.mutualis.gateway.uplink.mqtt";
    static final String INGEST_PID = "fr.mutualis.gateway.ingest.gwmp";
    static final String STORE_PID = "fr.mutualis.gateway.store";
    static final String HEALTH_PID = "fr.mutualis.gateway.health";
    static final String LOG_PID = "fr.mutualis.gateway.log.console";
    static final String PIPELINE_PID = "fr.mutualis.gateway.pipeline";
    static final String DECODING_PID = "fr.mutualis.gateway.decoding";
    static final String ENROLMENT_PID = "fr.mutualis.gateway.enrolment";
    static final String CONFIG_AGENT_PID = "fr.mutualis.gateway.config";
    static final String OTA_PID = "fr.mutualis.gateway.ota";
    /** The local console's PID (gateway-bundles/local-console; not a dependency of this bundle). */
    static final String CONSOLE_PID = "fr.mutualis.gateway.console";
    /** Hardware and autonomy PIDs (hardware/pi4j-io, gateway-bundles/autonomy; not dependencies of this bundle). */
    static final String BOARD_PID = "fr.mutualis.hardware.board";
    static final String OUTPUTS_PID = "fr.mutualis.hardware.outputs";
    static final String STATUS_LED_PID = "fr.mutualis.hardware.status.led";
    static final String CONCENTRATOR_RESET_PID = "fr.mutualis.hardware.concentrator.reset";
    static final String LIGHTING_PID = "fr.mutualis.autonomy.lighting";
    static final String ACTION_REPORTING_PID = "fr.mutualis.autonomy.reporting";
    static final String CIRCUIT_FACTORY_PID = "fr.mutualis.autonomy.lighting.circuit";
    static final String ALARM_FACTORY_PID = "fr.mutualis.autonomy.alarm";

    private static final List<FactoryMapping> FACTORY_MAPPINGS = List.of(
            new FactoryMapping("circuit", CIRCUIT_FACTORY_PID, "circuit", orderedTypes(
                    "output", String.class, "latitude", Double.class, "longitude", Double.class, "zone", String.class,
                    "reference", String.class, "onAfterSunsetMinutes", Integer.class,
                    "offAfterSunriseMinutes", Integer.class, "cutOff", String.class, "exceptions", String[].class)),
            new FactoryMapping("alarm", ALARM_FACTORY_PID, "name", orderedTypes(
                    "devAddr", String.class, "condition", String.class, "output", String.class)));

    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping("gateway.id", IDENTITY_PID, "gatewayId", String.class),
            new Mapping("gateway.commune", IDENTITY_PID, "commune", String.class),
            new Mapping("broker.url", UPLINK_PID, "brokerUrl", String.class),
            new Mapping("broker.keepalive.seconds", UPLINK_PID, "keepAliveSeconds", Integer.class),
            new Mapping("broker.ca.file", UPLINK_PID, "caCertificateFile", String.class),
            new Mapping("enrolment.url", ENROLMENT_PID, "invitation", String.class),
            new Mapping("enrolment.gateway.id", ENROLMENT_PID, "gatewayId", String.class),
            new Mapping("enrolment.renewal.check.seconds", ENROLMENT_PID, "renewalCheckSeconds", Integer.class),
            new Mapping("enrolment.renewal.at.percent", ENROLMENT_PID, "renewAtRemainingPercent", Integer.class),
            new Mapping("gwmp.bind", INGEST_PID, "bindAddress", String.class),
            new Mapping("gwmp.port", INGEST_PID, "port", Integer.class),
            new Mapping("store.max.mib", STORE_PID, "maxTotalMiB", Integer.class),
            new Mapping("store.segment.kib", STORE_PID, "segmentKiB", Integer.class),
            new Mapping("store.commit.linger.ms", STORE_PID, "commitLingerMillis", Integer.class),
            new Mapping("store.batch.size", STORE_PID, "batchSize", Integer.class),
            new Mapping("filter.netids", PIPELINE_PID, "netIds", String[].class),
            new Mapping("filter.devaddr.allow", PIPELINE_PID, "devAddrAllow", String[].class),
            new Mapping("filter.devaddr.deny", PIPELINE_PID, "devAddrDeny", String[].class),
            new Mapping("filter.joineui.ranges", PIPELINE_PID, "joinEuiRanges", String[].class),
            new Mapping("filter.dedupe.ms", PIPELINE_PID, "dedupeWindowMillis", Integer.class),
            new Mapping("filter.rate.frames", PIPELINE_PID, "rateLimitFrames", Integer.class),
            new Mapping("filter.rate.period.seconds", PIPELINE_PID, "rateLimitPeriodSeconds", Integer.class),
            new Mapping("filter.priority.rules", PIPELINE_PID, "priorityRules", String[].class),
            new Mapping("decoding.devices", DECODING_PID, "devices", String[].class),
            new Mapping("health.interval.seconds", HEALTH_PID, "intervalSeconds", Integer.class),
            new Mapping("log.level", LOG_PID, "level", String.class),
            new Mapping("config.health.window.seconds", CONFIG_AGENT_PID, "healthWindowSeconds", Integer.class),
            new Mapping("config.apply.pause.ms", CONFIG_AGENT_PID, "applyPauseMillis", Integer.class),
            new Mapping("ota.release.key.file", OTA_PID, "releaseKeyFile", String.class),
            new Mapping("ota.download.retry.seconds", OTA_PID, "retryDelaySeconds", Integer.class),
            new Mapping("ota.download.stall.seconds", OTA_PID, "stallTimeoutSeconds", Integer.class),
            new Mapping("console.bind", CONSOLE_PID, "bindAddress", String.class),
            new Mapping("console.port", CONSOLE_PID, "port", Integer.class),
            new Mapping("board.platform", BOARD_PID, "platform", String.class),
            new Mapping("outputs.channels", OUTPUTS_PID, "channels", String[].class),
            new Mapping("outputs.active.low", OUTPUTS_PID, "activeLow", Boolean.class),
            new Mapping("outputs.active.at.start", OUTPUTS_PID, "activeAtStart", Boolean.class),
            new Mapping("led.pin", STATUS_LED_PID, "pin", Integer.class),
            new Mapping("led.active.low", STATUS_LED_PID, "activeLow", Boolean.class),
            new Mapping("concentrator.reset.pin", CONCENTRATOR_RESET_PID, "pin", Integer.class),
            new Mapping("concentrator.reset.active.low", CONCENTRATOR_RESET_PID, "activeLow", Boolean.class),
            new Mapping("lighting.evaluation.seconds", LIGHTING_PID, "evaluationSeconds", Integer.class),
            new Mapping("actions.report.interval.seconds", ACTION_REPORTING_PID, "intervalSeconds", Integer.class));

    private static Map<String, Class<?>> orderedTypes(Object... nameThenType) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            types.put((String) nameThenType[i], (Class<?>) nameThenType[i + 1]);
        }
        return types;
    }

    /** Keys the launcher reads itself; allowed in the file but not turned into configuration. */
    private static final List<String> LAUNCHER_KEYS = List.of("data.dir");

    private final Map<String, Dictionary<String, Object>> configurations;

    private InitialConfigurationFile(Map<String, Dictionary<String, Object>> configurations) {
        this.configurations = configurations;
    }

    /**
     * Reads and validates the file.
     *
     * @throws IllegalArgumentException naming every unknown key and every badly typed value
     */
    public static InitialConfigurationFile read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return of(properties);
    }

    static InitialConfigurationFile of(Properties properties) {
        Map<String, Dictionary<String, Object>> byPid = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            Mapping mapping = MAPPINGS.stream().filter(m -> m.fileKey.equals(key)).findFirst().orElse(null);
            if (mapping == null) {
                if (!factoryKey(key, value, byPid, problems) && !LAUNCHER_KEYS.contains(key)) {
                    problems.add("unknown key '" + key + "'");
                }
                continue;
            }
            Object typed = typed(key, value, mapping.type, problems);
            if (typed != null) {
                byPid.computeIfAbsent(mapping.pid, pid -> new Hashtable<>()).put(mapping.property, typed);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid gateway configuration file: " + String.join("; ", problems)
                    + ". Known keys: " + knownKeys());
        }
        return new InitialConfigurationFile(byPid);
    }

    /**
     * Handles {@code circuit.<name>.<property>} and {@code alarm.<name>.<property>}; returns false
     * when the key is of no such family. Names are letters, digits and dashes (they become part of a PID).
     */
    private static boolean factoryKey(String key, String value, Map<String, Dictionary<String, Object>> byPid,
                                      List<String> problems) {
        for (FactoryMapping family : FACTORY_MAPPINGS) {
            if (!key.startsWith(family.prefix + ".")) {
                continue;
            }
            String rest = key.substring(family.prefix.length() + 1);
            int dot = rest.lastIndexOf('.');
            String name = dot < 0 ? "" : rest.substring(0, dot);
            String property = rest.substring(dot + 1);
            if (ConfigurationPids.problem(family.factoryPid + FACTORY_SEPARATOR + name).isPresent()) {
                problems.add("'" + key + "': the " + family.prefix + " name must be letters, digits and dashes");
                return true;
            }
            Class<?> type = family.properties.get(property);
            if (type == null) {
                problems.add("'" + key + "': unknown " + family.prefix + " property '" + property + "' (known: "
                        + String.join(", ", family.properties.keySet()) + ")");
                return true;
            }
            Object typed = typed(key, value, type, problems);
            if (typed != null) {
                Dictionary<String, Object> instance = byPid.computeIfAbsent(
                        family.factoryPid + FACTORY_SEPARATOR + name, pid -> new Hashtable<>());
                instance.put(family.nameProperty, name);
                instance.put(property, typed);
            }
            return true;
        }
        return false;
    }

    /** The value as the configuration's type, or null (and a problem) when it is not one. */
    private static Object typed(String key, String value, Class<?> type, List<String> problems) {
        if (type == String[].class) {
            // Lists are comma-separated: "000013, 00000a"; priority rules contain spaces but no commas.
            return value.isEmpty() ? new String[0]
                    : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toArray(String[]::new);
        }
        try {
            if (type == Integer.class) {
                return Integer.valueOf(value);
            }
            if (type == Double.class) {
                return Double.valueOf(value);
            }
        } catch (NumberFormatException e) {
            problems.add("'" + key + "' must be a " + (type == Integer.class ? "whole number" : "number")
                    + ", was '" + value + "'");
            return null;
        }
        if (type == Boolean.class) {
            if (!value.equals("true") && !value.equals("false")) {
                problems.add("'" + key + "' must be true or false, was '" + value + "'");
                return null;
            }
            return Boolean.valueOf(value);
        }
        return value;
    }

    static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(LAUNCHER_KEYS);
        MAPPINGS.forEach(m -> keys.add(m.fileKey));
        FACTORY_MAPPINGS.forEach(f -> keys.add(f.prefix + ".<name>.<" + String.join("|", f.properties.keySet()) + ">"));
        return keys;
    }

    /** PID (or {@code factoryPid~name} for a named factory configuration) to the properties the file sets for it. */
    public Map<String, Dictionary<String, Object>> configurations() {
        return configurations;
    }
}
