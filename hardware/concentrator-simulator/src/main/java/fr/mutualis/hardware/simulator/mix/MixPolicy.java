package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.EuiRange;
import fr.mutualis.hardware.simulator.lorawan.NetId;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The filter configuration the gateway under test runs with, mirrored so that the mix can say
 * what must happen to each frame. The end-to-end test configures the gateway with the same values.
 *
 * @param netId           the own network: data-up frames from other DevAddr blocks are dropped
 * @param joinEuiRange    join requests with a JoinEUI outside it are dropped
 * @param alarmFPorts     FPorts delivered in the ALARM lane
 * @param bulkFPorts      FPorts delivered in the BULK lane (every other FPort: NORMAL)
 * @param rateLimitFrames token-bucket capacity per device (DevAddr, or DevEUI for join requests)
 * @param ratePeriod      time in which the bucket refills completely; the mix must be played within
 *                        {@code ratePeriod / rateLimitFrames} for "the first N pass" to hold exactly
 * @param dedupWindow     how long the gateway remembers a PHYPayload; the mix's copies come within 50 ms
 */
public record MixPolicy(NetId netId, EuiRange joinEuiRange, SortedSet<Integer> alarmFPorts,
                        SortedSet<Integer> bulkFPorts, int rateLimitFrames, Duration ratePeriod,
                        Duration dedupWindow) {

    /** The window within which the mix places every duplicate; well inside {@link #dedupWindow}. */
    public static final Duration DUPLICATE_SPREAD = Duration.ofMillis(50);

    public MixPolicy {
        alarmFPorts = frozen(alarmFPorts);
        bulkFPorts = frozen(bulkFPorts);
        for (int port : alarmFPorts) {
            if (bulkFPorts.contains(port)) {
                throw new IllegalArgumentException("FPort " + port + " cannot be both ALARM and BULK");
            }
        }
        if (rateLimitFrames < 2) {
            throw new IllegalArgumentException("rate limit must allow at least 2 frames, so that ordinary devices can send");
        }
        if (dedupWindow.compareTo(DUPLICATE_SPREAD) <= 0) {
            throw new IllegalArgumentException("the dedup window must exceed " + DUPLICATE_SPREAD.toMillis() + " ms");
        }
    }

    /** NetID 000013, JoinEUIs 4D55540000000000-4D555400FFFFFFFF, ALARM {99}, BULK {200}, 10 frames/hour, 200 ms. */
    public static MixPolicy defaults() {
        return new MixPolicy(NetId.parse("000013"), EuiRange.parse("4D55540000000000-4D555400FFFFFFFF"),
                new TreeSet<>(Set.of(99)), new TreeSet<>(Set.of(200)), 10, Duration.ofHours(1), Duration.ofMillis(200));
    }

    public MixPolicy withNetId(NetId value) {
        return new MixPolicy(value, joinEuiRange, alarmFPorts, bulkFPorts, rateLimitFrames, ratePeriod, dedupWindow);
    }

    public MixPolicy withJoinEuiRange(EuiRange value) {
        return new MixPolicy(netId, value, alarmFPorts, bulkFPorts, rateLimitFrames, ratePeriod, dedupWindow);
    }

    public MixPolicy withAlarmFPorts(Set<Integer> value) {
        return new MixPolicy(netId, joinEuiRange, new TreeSet<>(value), bulkFPorts, rateLimitFrames, ratePeriod, dedupWindow);
    }

    public MixPolicy withBulkFPorts(Set<Integer> value) {
        return new MixPolicy(netId, joinEuiRange, alarmFPorts, new TreeSet<>(value), rateLimitFrames, ratePeriod, dedupWindow);
    }

    public MixPolicy withRateLimit(int frames, Duration period) {
        return new MixPolicy(netId, joinEuiRange, alarmFPorts, bulkFPorts, frames, period, dedupWindow);
    }

    public MixPolicy withDedupWindow(Duration value) {
        return new MixPolicy(netId, joinEuiRange, alarmFPorts, bulkFPorts, rateLimitFrames, ratePeriod, value);
    }

    /** The lane the gateway puts an own data-up frame with this FPort in. */
    public Lane laneOf(int fPort) {
        if (alarmFPorts.contains(fPort)) {
            return Lane.ALARM;
        }
        return bulkFPorts.contains(fPort) ? Lane.BULK : Lane.NORMAL;
    }

    private static SortedSet<Integer> frozen(Set<Integer> ports) {
        for (int port : ports) {
            if (port < 1 || port > 223) {
                throw new IllegalArgumentException("application FPorts are 1..223, got " + port);
            }
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(ports));
    }
}
