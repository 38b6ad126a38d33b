package fr.mutualis.fleet.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the same shape for every list of the API (keyset pagination, see
 * {@code docs/api.md}). The cursor is the key of the last item of this page: a client passes it
 * back as {@code after} and gets the items that follow, however many were added or removed in
 * between, without the server counting or skipping rows.
 *
 * @param items the items of this page, in the list's order
 * @param next  the value to pass as {@code after} for the next page; null on the last page
 */
public record Page<T>(
        List<T> items,
        @Schema(description = "Pass as `after` to get the next page; null on the last page.",
                requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
        String next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * A page from rows fetched with {@code LIMIT limit + 1}: the extra row, if any, only says that
     * another page exists, so that the last page never needs an empty page after it.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, ?> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, String.valueOf(key.apply(items.get(limit - 1))));
    }
}
