package fr.mutualis.gateway.autonomy.actions.local;

import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.api.MetricsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The action log as a file of JSON lines ({@code autonomy-actions.jsonl} in the data directory),
 * each line forced to the device before {@link #append} returns. Actions are rare (a few switches a
 * day, an alarm), so one fsync per action costs nothing and a power cut loses none. The last
 * actions are also kept in memory for the console.
 *
 * <p>Its counters go into the health report as a {@link MetricsSource}: the fleet learns how many
 * actions the gateway took and when the last one was, not each action (that report is still to
 * come; the file on the gateway is the full record).
 */
@Component(service = {ActionLog.class, MetricsSource.class})
public class JsonLinesActionLog implements ActionLog, MetricsSource {

    public static final String FILE_NAME = "autonomy-actions.jsonl";
    /** The data directory of the agent, as the launcher sets it (same property as gateway-core's). */
    public static final String DATA_DIR_PROPERTY = "mutualis.data.dir";
    private static final int KEPT_IN_MEMORY = 200;

    private final Path file;
    private final FileChannel channel;
    private final Deque<RecordedAction> recent = new ArrayDeque<>();
    private long recorded;
    private long writeFailures;

    @Activate
    public JsonLinesActionLog(BundleContext context) throws IOException {
        this(dataDirectory(context).resolve(FILE_NAME));
    }

    public JsonLinesActionLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Not APPEND (which excludes READ): the tail is read first, then every write goes at the end.
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.position(channel.size());
        for (RecordedAction action : ActionLines.readTail(channel, KEPT_IN_MEMORY)) {
            recent.addFirst(action);
        }
        endTornLine();
    }

    /**
     * A power cut in the middle of an append can leave a last line without its newline: end it,
     * so that the next action starts a line of its own instead of corrupting that one.
     */
    private void endTornLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel.force(false);
        }
    }

    /** The agent's data directory, or the bundle's own storage area when none is configured (tests). */
    public static Path dataDirectory(BundleContext context) {
        String dir = context.getProperty(DATA_DIR_PROPERTY);
        return dir != null ? Path.of(dir) : context.getDataFile("").toPath();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(RecordedAction action) {
        ByteBuffer line = ByteBuffer.wrap((toJson(action) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
            recorded++;
        } catch (IOException e) {
            writeFailures++;
            throw new UncheckedIOException("could not append to the action log " + file, e);
        } finally {
            // Still shown on the console even if the disk refused it: the technician should see it.
            recent.addFirst(action);
            if (recent.size() > KEPT_IN_MEMORY) {
                recent.removeLast();
            }
        }
    }

    @Override
    public synchronized List<RecordedAction> recent(int limit) {
        List<RecordedAction> out = new ArrayList<>(Math.min(limit, recent.size()));
        for (RecordedAction action : recent) {
            if (out.size() == limit) {
                break;
            }
            out.add(action);
        }
        return out;
    }

    /**
     * Actions written since the agent started, appends the disk refused, and the time of the newest
     * action known (read back from before a restart too), in epoch seconds; absent before any action.
     */
    @Override
    public synchronized Map<String, Number> metrics() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("autonomy.actions.recorded", recorded);
        metrics.put("autonomy.actions.write.failures", writeFailures);
        if (!recent.isEmpty()) {
            metrics.put("autonomy.actions.last.epoch.seconds", recent.peekFirst().at().getEpochSecond());
        }
        return metrics;
    }

    @Deactivate
    public synchronized void close() throws IOException {
        channel.close();
    }

    static String toJson(RecordedAction action) {
        StringBuilder json = new StringBuilder(128).append('{');
        field(json, "at", action.at().toString()).append(',');
        field(json, "kind", action.kind()).append(',');
        field(json, "subject", action.subject());
        for (Map.Entry<String, String> detail : action.details().entrySet()) {
            field(json.append(','), detail.getKey(), detail.getValue());
        }
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return string(string(json, name).append(':'), value);
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
