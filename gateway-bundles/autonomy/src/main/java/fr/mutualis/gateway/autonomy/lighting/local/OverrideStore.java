package fr.mutualis.gateway.autonomy.lighting.local;

import fr.mutualis.gateway.autonomy.lighting.ManualOverride;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the manual overrides across a restart of the agent: a technician who forced a circuit on
 * for four hours expects it to stay on if the gateway reboots meanwhile. One line per override,
 * {@code circuit<TAB>ON|OFF<TAB>until<TAB>requestedBy}; the whole file is replaced atomically
 * (written aside, forced, renamed), so a power cut leaves either the old or the new set.
 */
final class OverrideStore {

    private final Path file;

    /** What {@link #load()} found: the overrides and the lines it could not read. */
    record Loaded(List<ManualOverride> overrides, List<String> unreadable) {
    }

    OverrideStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    Loaded load() {
        List<ManualOverride> overrides = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Loaded(overrides, unreadable);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the overrides " + file, e);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                if (fields.length != 4) {
                    throw new IllegalArgumentException("expected 4 fields");
                }
                overrides.add(new ManualOverride(fields[0], OutputState.valueOf(fields[1]), Instant.parse(fields[2]),
                        fields[3]));
            } catch (RuntimeException e) {
                unreadable.add(line);
            }
        }
        return new Loaded(overrides, unreadable);
    }

    void save(Collection<ManualOverride> overrides) {
        StringBuilder text = new StringBuilder();
        for (ManualOverride override : overrides) {
            text.append(override.circuit()).append('\t').append(override.state()).append('\t')
                    .append(override.until()).append('\t').append(override.requestedBy().replaceAll("[\t\r\n]", " "))
                    .append('\n');
        }
        Path aside = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the overrides " + file, e);
        }
    }
}
