package fr.mutualis.hardware.simulator.mix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Groups the entries into datagrams the way a forwarder batches what it fetched, then adds the
 * copies heard twice (in the same datagram, or first in the next one, which is then sent
 * without waiting: both arrive within 50 ms) and the broken entries and datagrams.
 */
final class DatagramPacker {

    /** A datagram to encode: its entries, or the malformation that replaces them. */
    record Planned(List<Entry> entries, boolean chained, Malformation malformation) {
    }

    private final MixConfig config;
    private final Random random;
    private final FrameFactory factory;
    private final Timeline timeline;

    DatagramPacker(MixConfig config, Random random, FrameFactory factory, Timeline timeline) {
        this.config = config;
        this.random = random;
        this.factory = factory;
        this.timeline = timeline;
    }

    List<Planned> pack(List<Entry> originals) {
        List<List<Entry>> chunks = chunks(originals);
        boolean[] chained = new boolean[chunks.size()];
        addDuplicates(chunks, chained, chooseDuplicated(originals));
        addMalformedEntries(chunks);
        return withMalformedDatagrams(chunks, chained);
    }

    private List<List<Entry>> chunks(List<Entry> originals) {
        List<List<Entry>> chunks = new ArrayList<>();
        int i = 0;
        while (i < originals.size()) {
            int size = 1 + random.nextInt(config.maxFramesPerDatagram());
            chunks.add(new ArrayList<>(originals.subList(i, Math.min(originals.size(), i + size))));
            i += size;
        }
        return chunks;
    }

    /** Only frames the gateway forwards get a copy, so that every copy's fate is unambiguous. */
    private Set<Entry> chooseDuplicated(List<Entry> originals) {
        List<Entry> forwarded = new ArrayList<>();
        for (Entry entry : originals) {
            if (entry.expected.forwarded()) {
                forwarded.add(entry);
            }
        }
        int count = (int) Math.round(forwarded.size() * config.duplicateRatio());
        Collections.shuffle(forwarded, random);
        return new HashSet<>(forwarded.subList(0, count));
    }

    private void addDuplicates(List<List<Entry>> chunks, boolean[] chained, Set<Entry> duplicated) {
        for (int c = 0; c < chunks.size(); c++) {
            List<Entry> chunk = chunks.get(c);
            for (Entry original : List.copyOf(chunk)) {
                if (!duplicated.contains(original)) {
                    continue;
                }
                Entry copy = original.duplicate();
                timeline.stampDuplicate(copy, original);
                int position = chunk.indexOf(original);
                boolean last = position == chunk.size() - 1;
                if (last && c + 1 < chunks.size() && random.nextBoolean()) {
                    List<Entry> next = chunks.get(c + 1);
                    int copiesAlreadyThere = 0;
                    while (copiesAlreadyThere < next.size() && next.get(copiesAlreadyThere).duplicateOf != null) {
                        copiesAlreadyThere++;
                    }
                    next.add(copiesAlreadyThere, copy);
                    chained[c + 1] = true;
                } else {
                    chunk.add(position + 1 + random.nextInt(chunk.size() - position), copy);
                }
            }
        }
    }

    private void addMalformedEntries(List<List<Entry>> chunks) {
        for (Malformation kind : Malformation.values()) {
            if (kind.wholeDatagram()) {
                continue;
            }
            for (int n = 0; n < config.malformed(kind); n++) {
                List<Entry> chunk = chunks.get(random.nextInt(chunks.size()));
                Entry broken = factory.malformedEntry(kind);
                timeline.stampNear(broken, chunk.get(0));
                chunk.add(random.nextInt(chunk.size() + 1), broken);
            }
        }
    }

    /** Whole broken datagrams go between datagrams, never between a datagram and its chained successor. */
    private List<Planned> withMalformedDatagrams(List<List<Entry>> chunks, boolean[] chained) {
        List<Integer> slots = new ArrayList<>();
        for (int c = 0; c <= chunks.size(); c++) {
            if (c == chunks.size() || !chained[c]) {
                slots.add(c);
            }
        }
        List<List<Malformation>> before = new ArrayList<>();
        for (int c = 0; c <= chunks.size(); c++) {
            before.add(new ArrayList<>());
        }
        for (Malformation kind : Malformation.values()) {
            if (kind.wholeDatagram()) {
                for (int n = 0; n < config.malformed(kind); n++) {
                    before.get(slots.get(random.nextInt(slots.size()))).add(kind);
                }
            }
        }
        List<Planned> planned = new ArrayList<>();
        for (int c = 0; c <= chunks.size(); c++) {
            for (Malformation kind : before.get(c)) {
                planned.add(new Planned(List.of(), false, kind));
            }
            if (c < chunks.size()) {
                planned.add(new Planned(chunks.get(c), chained[c], null));
            }
        }
        return planned;
    }
}
