package fr.mutualis.gateway.log.console;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Writes log entries to standard output, one line each, so that systemd's journal (or the demo's
 * terminal) has the gateway's log without a logging framework on the device.
 */
@Component(configurationPid = ConsoleLogWriter.PID, immediate = true)
@Designate(ocd = ConsoleLogWriter.Config.class)
public class ConsoleLogWriter implements LogListener {

    public static final String PID = "fr.mutualis.gateway.log.console";

    @ObjectClassDefinition(name = "Console log", description = "Log lines on standard output.")
    public @interface Config {
        @AttributeDefinition(name = "Minimum level", options = {
                @Option(label = "Error", value = "ERROR"), @Option(label = "Warning", value = "WARN"),
                @Option(label = "Information", value = "INFO"), @Option(label = "Debug", value = "DEBUG")})
        String level() default "INFO";
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final LogReaderService reader;
    private final LogLevel minimum;
    private final PrintStream out = System.out;

    @Activate
    public ConsoleLogWriter(Config config, @Reference LogReaderService reader) {
        this.reader = reader;
        this.minimum = parseLevel(config.level());
        reader.addLogListener(this);
        // Components that started before this one have logged already: show that history first.
        List<LogEntry> history = Collections.list(reader.getLog());
        Collections.reverse(history);
        history.forEach(this::logged);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!minimum.implies(entry.getLogLevel()) || isRoutineFrameworkEvent(entry)) {
            return;
        }
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(Instant.ofEpochMilli(entry.getTime()))).append(' ')
                .append(String.format(Locale.ROOT, "%-5s", entry.getLogLevel())).append(' ')
                .append('[').append(entry.getLoggerName()).append("] ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            line.append(" -- ").append(entry.getException());
            Throwable root = rootCause(entry.getException());
            if (root != entry.getException()) {
                // DS wraps a component's own exception twice; its message is what the reader needs.
                line.append(" -- caused by ").append(root);
            }
        }
        synchronized (out) {
            out.println(line);
            if (entry.getException() != null
                    && (entry.getLogLevel() == LogLevel.ERROR || minimum.implies(LogLevel.DEBUG))) {
                entry.getException().printStackTrace(out);
            }
        }
    }

    /**
     * The framework logs every bundle and service event (loggers named "Events.*") at INFO; on a
     * device's journal that drowns what matters, so they are shown only at DEBUG or when they
     * report a problem.
     */
    private boolean isRoutineFrameworkEvent(LogEntry entry) {
        return entry.getLoggerName().startsWith("Events.")
                && !LogLevel.WARN.implies(entry.getLogLevel())
                && !minimum.implies(LogLevel.DEBUG);
    }

    private static Throwable rootCause(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static LogLevel parseLevel(String level) {
        try {
            return LogLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return LogLevel.INFO;
        }
    }
}
