package fr.mutualis.fleet.reading;

import java.util.List;

/**
 * Which sequence numbers of a gateway the fleet holds. Gateways number readings from 1 without
 * holes, so every missing range is either still on its way (buffered on the gateway) or was
 * dropped there by its capacity policy, which the gateway counts and reports in its health.
 *
 * @param stored   distinct readings stored
 * @param highest  the highest sequence number stored (0 when none)
 * @param received contiguous ranges held, ascending
 * @param missing  the holes between 1 and {@code highest}, ascending
 */
public record SequenceCoverage(long stored, long highest, List<Range> received, List<Range> missing) {

    /** An inclusive range of sequence numbers. */
    public record Range(long from, long to) {

        public long size() {
            return to - from + 1;
        }
    }

    public long missingCount() {
        return missing.stream().mapToLong(Range::size).sum();
    }
}
