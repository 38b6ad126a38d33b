package fr.mutualis.gateway.bootstrap;

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
            new Mapping("config.apply.pause.ms", CONFIG_AGENT_PID, "applyPauseMillis", Integer.class));

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
                if (!LAUNCHER_KEYS.contains(key)) {
                    problems.add("unknown key '" + key + "'");
                }
                continue;
            }
            Object typed = value;
            if (mapping.type == String[].class) {
                // Lists are comma-separated: "000013, 00000a"; priority rules contain spaces but no commas.
                typed = value.isEmpty() ? new String[0]
                        : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                                .toArray(String[]::new);
            } else if (mapping.type == Integer.class) {
                try {
                    typed = Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    problems.add("'" + key + "' must be a whole number, was '" + value + "'");
                    continue;
                }
            }
            byPid.computeIfAbsent(mapping.pid, pid -> new Hashtable<>()).put(mapping.property, typed);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid gateway configuration file: " + String.join("; ", problems)
                    + ". Known keys: " + knownKeys());
        }
        return new InitialConfigurationFile(byPid);
    }

    static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(LAUNCHER_KEYS);
        MAPPINGS.forEach(m -> keys.add(m.fileKey));
        return keys;
    }

    /** PID to the properties the file sets for it. */
    public Map<String, Dictionary<String, Object>> configurations() {
        return configurations;
    }
}
