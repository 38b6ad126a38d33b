package fr.mutualis.fleet.campaign;

import java.util.Arrays;
import java.util.List;

/**
 * Where one gateway of a campaign stands, as the fleet sees it. Final states never change again;
 * {@link #SUCCEEDED} needs both the gateway's SUCCEEDED status and a birth announcing the release.
 */
public enum TargetState {
    /** Its wave has not started (or it was held back outside a maintenance window): no order published. */
    PENDING(Category.PENDING),
    /** Order published, no status yet (the gateway may be offline: the order is retained). */
    ORDERED(Category.IN_PROGRESS),
    /** Statuses received: downloading, verifying, installing, health check. */
    IN_PROGRESS(Category.IN_PROGRESS),
    /** The gateway said SUCCEEDED; waiting for a birth announcing the new release. */
    CONFIRMING(Category.IN_PROGRESS),
    SUCCEEDED(Category.SUCCEEDED),
    REFUSED(Category.FAILED),
    FAILED(Category.FAILED),
    REVERTED(Category.FAILED),
    /** No final status within the wave timeout of its order. */
    TIMED_OUT(Category.FAILED),
    /** Its order was withdrawn before it started (campaign halted or cancelled). */
    WITHDRAWN(Category.WITHDRAWN);

    /** How states add up in counts: pending + inProgress + succeeded + failed + withdrawn = total. */
    public enum Category { PENDING, IN_PROGRESS, SUCCEEDED, FAILED, WITHDRAWN }

    private final Category category;

    TargetState(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public boolean isFinal() {
        return category == Category.SUCCEEDED || category == Category.FAILED || category == Category.WITHDRAWN;
    }

    /** The states of a category, as SQL literals for {@code state IN (...)}. */
    static String sqlList(Category category) {
        return Arrays.stream(values()).filter(state -> state.category == category).map(state -> "'" + state + "'")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    static List<TargetState> finals() {
        return Arrays.stream(values()).filter(TargetState::isFinal).toList();
    }
}
