package fr.mutualis.gateway.store;

/** A place in a lane: a segment and a byte offset in it. Ordered by segment, then offset. */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {

    @Override
    public int compareTo(JournalPosition other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }

    boolean isBefore(JournalPosition other) {
        return compareTo(other) < 0;
    }
}
