package fr.mutualis.gateway.autonomy.actions.local;

import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the action log: its last lines at start (so that the console shows the actions from before
 * a reboot), and whole lines from an offset for the reporter. Only this log's own shape is read (one flat object of string fields a
 * line); a line that is not (a torn tail) is skipped.
 */
final class ActionLines {

    /** Enough for a few hundred actions; the log itself is never read whole on a Pi. */
    private static final int TAIL_BYTES = 64 * 1024;

    private ActionLines() {
    }

    /** Up to {@code limit} actions from the end of the file, oldest first. */
    static List<LoggedLine> readTail(FileChannel channel, int limit) throws IOException {
        long size = channel.size();
        long from = Math.max(0, size - TAIL_BYTES);
        ByteBuffer bytes = ByteBuffer.allocate((int) (size - from));
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0) {
            // keep reading
        }
        String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        List<LoggedLine> actions = new ArrayList<>();
        // The first line of a tail read from the middle of the file is partial.
        for (int i = from > 0 ? 1 : 0; i < lines.length; i++) {
            LoggedLine action = parse(lines[i]);
            if (action != null) {
                actions.add(action);
            }
        }
        return actions.size() > limit ? actions.subList(actions.size() - limit, actions.size()) : actions;
    }

    /**
     * Reads whole lines from {@code offset}: up to {@code limit} actions, each with the offset just
     * after its line, so that a reader can resume there. A partial last line (being written) is left.
     */
    static List<Positioned> readFrom(FileChannel channel, long offset, int limit) throws IOException {
        List<Positioned> out = new ArrayList<>();
        long position = offset;
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (out.size() < limit) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            for (int i = 0; i < read && out.size() < limit; i++) {
                byte b = buffer.get(i);
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                long end = position + i + 1;
                LoggedLine parsed = parse(line.toString(StandardCharsets.UTF_8));
                line.reset();
                if (parsed != null) {
                    out.add(new Positioned(parsed, end));
                }
            }
            position += read;
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /** A line of the log: the action and its sequence (0 for a line written before sequences existed). */
    record LoggedLine(long sequence, RecordedAction action) {
    }

    /** A line read from the file and the offset just after it. */
    record Positioned(LoggedLine line, long endOffset) {
    }

    /** The action on this line, or null if the line is not one. */
    static LoggedLine parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int[] at = {0};
        try {
            expect(line, at, '{');
            while (true) {
                String name = string(line, at);
                expect(line, at, ':');
                fields.put(name, string(line, at));
                if (at[0] < line.length() && line.charAt(at[0]) == ',') {
                    at[0]++;
                    continue;
                }
                expect(line, at, '}');
                break;
            }
            if (at[0] != line.length()) {
                return null;
            }
            String sequence = fields.remove("seq");
            Instant when = Instant.parse(fields.remove("at"));
            String kind = fields.remove("kind");
            String subject = fields.remove("subject");
            return kind == null || subject == null ? null
                    : new LoggedLine(sequence == null ? 0 : Long.parseLong(sequence), new RecordedAction(when, kind, subject, fields));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void expect(String line, int[] at, char c) {
        if (at[0] >= line.length() || line.charAt(at[0]) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        at[0]++;
    }

    private static String string(String line, int[] at) {
        expect(line, at, '"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = line.charAt(at[0]++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = line.charAt(at[0]++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(line.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> out.append(escaped);
            }
        }
    }
}
