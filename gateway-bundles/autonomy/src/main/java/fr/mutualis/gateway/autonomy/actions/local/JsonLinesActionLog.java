package fr.mutualis.gateway.autonomy.actions.local;

import fr.mutualis.gateway.autonomy.actions.ActionLog;
import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.actions.SequencedAction;
import fr.mutualis.gateway.api.MetricsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
 * <p>Each line carries a sequence number. What the fleet has acknowledged is kept beside the log
 * ({@code autonomy-actions.reported}: the last acknowledged sequence and the file offset just after
 * it), so that {@link ActionReporter} sends, after any outage or restart, exactly what is left.
 *
 * <p>Its counters go into the health report as a {@link MetricsSource}.
 */
@Component(service = {ActionLog.class, MetricsSource.class})
public class JsonLinesActionLog implements ActionLog, MetricsSource {

    public static final String FILE_NAME = "autonomy-actions.jsonl";
    public static final String REPORTED_FILE_NAME = "autonomy-actions.reported";
    /** The data directory of the agent, as the launcher sets it (same property as gateway-core's). */
    public static final String DATA_DIR_PROPERTY = "mutualis.data.dir";
    private static final int KEPT_IN_MEMORY = 200;

    private final Path file;
    private FileChannel channel;
    private boolean closed;
    private final Deque<RecordedAction> recent = new ArrayDeque<>();
    private final ReportedPosition reported;
    private long lastSequence;
    private long recorded;
    private long writeFailures;

    @Activate
    public JsonLinesActionLog(BundleContext context) throws IOException {
        this(dataDirectory(context).resolve(FILE_NAME));
    }

    public JsonLinesActionLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = open(file);
        for (ActionLines.LoggedLine line : ActionLines.readTail(channel, KEPT_IN_MEMORY)) {
            recent.addFirst(line.action());
            lastSequence = Math.max(lastSequence, line.sequence());
        }
        endTornLine();
        this.reported = new ReportedPosition(file.resolveSibling(REPORTED_FILE_NAME));
        if (reported.offset() > channel.size() || reported.sequence() > lastSequence) {
            // The log was replaced or cut short under the cursor. Numbering goes on after the highest
            // sequence the fleet acknowledged (it keeps one action per sequence: a reused number would
            // be dropped there); the file is read again from its start and what is already acknowledged skipped.
            lastSequence = Math.max(lastSequence, reported.sequence());
            reported.save(reported.sequence(), 0);
        }
    }

    /** Not APPEND (which excludes READ): the tail is read first, then every write goes at the end. */
    private static FileChannel open(Path file) throws IOException {
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        opened.position(opened.size());
        return opened;
    }

    /**
     * The log's channel, opened again if an interrupted thread closed it (NIO closes a channel when a
     * thread blocked in it is interrupted: a component stopped mid-write must not end the log's life).
     */
    private FileChannel channel() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!channel.isOpen()) {
            channel = open(file);
        }
        return channel;
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
    public synchronized long append(RecordedAction action) {
        long sequence = lastSequence + 1;
        ByteBuffer line = ByteBuffer.wrap((toJson(sequence, action) + "\n").getBytes(StandardCharsets.UTF_8));
        long start = -1;
        try {
            FileChannel out = channel();
            start = out.size();
            out.position(start);
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(false);
            recorded++;
            lastSequence = sequence;
            return sequence;
        } catch (IOException e) {
            writeFailures++;
            dropPartialLine(start);
            throw new UncheckedIOException("could not append to the action log " + file, e);
        } finally {
            // Still shown on the console even if the disk refused it: the technician should see it.
            recent.addFirst(action);
            if (recent.size() > KEPT_IN_MEMORY) {
                recent.removeLast();
            }
        }
    }

    /**
     * A write that failed half-way (SD card full) must not leave a fragment for the next action to be
     * glued to: cut the file back to where the line began.
     */
    private void dropPartialLine(long start) {
        if (start < 0) {
            return;
        }
        try {
            channel().truncate(start);
        } catch (IOException e) {
            // The next successful append starts after the fragment; the torn line is skipped when read.
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

    @Override
    public synchronized List<SequencedAction> unreported(int limit) {
        try {
            List<SequencedAction> out = new ArrayList<>();
            long skipTo = -1;
            for (ActionLines.Positioned positioned : ActionLines.readFrom(channel(), reported.offset(), limit)) {
                if (positioned.line().sequence() <= reported.sequence()) {
                    // Already acknowledged (a log read again from its start), or written before sequence
                    // numbers existed (0): never sent, and stepped over so that nobody reads it again.
                    if (out.isEmpty()) {
                        skipTo = positioned.endOffset();
                    }
                    continue;
                }
                out.add(new SequencedAction(positioned.line().sequence(), positioned.line().action()));
            }
            if (skipTo >= 0) {
                reported.save(reported.sequence(), skipTo);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the action log " + file, e);
        }
    }

    @Override
    public synchronized void markReported(long sequence) {
        try {
            long offset = reported.offset();
            long acknowledged = reported.sequence();
            // Walk forward to the end of the acknowledged line; actions are few, batches small.
            while (acknowledged < sequence) {
                List<ActionLines.Positioned> next = ActionLines.readFrom(channel(), offset, 64);
                if (next.isEmpty()) {
                    break;
                }
                for (ActionLines.Positioned positioned : next) {
                    if (positioned.line().sequence() > sequence) {
                        break;
                    }
                    offset = positioned.endOffset();
                    acknowledged = positioned.line().sequence();
                }
                if (next.get(next.size() - 1).line().sequence() > sequence) {
                    break;
                }
            }
            reported.save(acknowledged, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record what the fleet acknowledged in " + file, e);
        }
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
        metrics.put("autonomy.actions.unreported", Math.max(0, lastSequence - reported.sequence()));
        if (!recent.isEmpty()) {
            metrics.put("autonomy.actions.last.epoch.seconds", recent.peekFirst().at().getEpochSecond());
        }
        return metrics;
    }

    @Deactivate
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }

    static String toJson(long sequence, RecordedAction action) {
        StringBuilder json = new StringBuilder(128).append('{');
        field(json, "seq", Long.toString(sequence)).append(',');
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
