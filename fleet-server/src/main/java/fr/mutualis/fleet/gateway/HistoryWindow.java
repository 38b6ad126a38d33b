package fr.mutualis.fleet.gateway;

import java.time.Instant;

/**
 * A page of a gateway's history: entries with {@code from <= time < to}, newest first, at most
 * {@code limit}. The next (older) page is asked for with {@code to} set to the time of the last
 * entry received.
 */
public record HistoryWindow(Instant from, Instant to, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Open ends, as bounds the database's index can use directly. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** From request parameters, any of which may be absent; invalid values are a bad request. */
    public static HistoryWindow of(Instant from, Instant to, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        Instant start = from == null ? EARLIEST : from;
        Instant end = to == null ? LATEST : to;
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return new HistoryWindow(start, end, size);
    }
}
