package fr.mutualis.fleet.alert;

import fr.mutualis.fleet.health.HealthSample;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The alert rules judged on each health report. Pure: {@link HealthAlerts} applies the verdicts. */
final class AlertRules {

    /** What a report means for one kind of alert. */
    sealed interface Verdict permits Open, Resolve, Keep {
    }

    /** The condition holds: open the alert unless it is already open. */
    record Open(String detail) implements Verdict {
    }

    /** The condition is over: resolve the alert if it is open. */
    record Resolve() implements Verdict {
    }

    /** The report does not say (figures missing), or the condition is neither clearly on nor off. */
    record Keep() implements Verdict {
    }

    private AlertRules() {
    }

    static Verdict disk(HealthSample sample, double freeBelowPercent) {
        Double free = sample.diskFreePercent();
        if (free == null) {
            return new Keep();
        }
        if (free < freeBelowPercent) {
            return new Open(String.format(Locale.ROOT, "%.1f %% free of %s (alert below %s %%)", free,
                    bytes(sample.diskTotalBytes()), number(freeBelowPercent)));
        }
        return new Resolve();
    }

    /**
     * Backlog: open when the total depth rose in each of the last {@code risingReports} reports, or
     * when the oldest buffered reading is older than {@code maxOldestAge}; resolve once the depth
     * stops rising and the oldest reading is young enough. A depth that holds steady after rising
     * resolves the alert: the gateway drains as fast as it takes in.
     *
     * @param depthsNewestFirst total store depth of the latest reports, this one first (at least
     *                          {@code risingReports + 1} to judge a trend); null where a report had none
     * @param oldestAgeSeconds  this report's oldest buffered reading, if reported
     */
    static Verdict backlog(List<Long> depthsNewestFirst, Double oldestAgeSeconds, int risingReports,
                           Duration maxOldestAge) {
        Long latest = depthsNewestFirst.isEmpty() ? null : depthsNewestFirst.get(0);
        if (latest == null && oldestAgeSeconds == null) {
            return new Keep();
        }
        boolean rising = depthsNewestFirst.size() > risingReports;
        for (int i = 0; rising && i < risingReports; i++) {
            Long newer = depthsNewestFirst.get(i);
            Long older = depthsNewestFirst.get(i + 1);
            rising = newer != null && older != null && newer > older;
        }
        boolean tooOld = oldestAgeSeconds != null && oldestAgeSeconds > maxOldestAge.toSeconds();
        if (rising || tooOld) {
            StringBuilder detail = new StringBuilder();
            if (rising) {
                detail.append("store depth rose in each of the last ").append(risingReports).append(" reports, from ")
                        .append(depthsNewestFirst.get(risingReports)).append(" to ").append(latest);
            }
            if (tooOld) {
                detail.append(rising ? "; " : "").append(String.format(Locale.ROOT,
                        "oldest buffered reading %.0f s old (alert above %d s)", oldestAgeSeconds,
                        maxOldestAge.toSeconds()));
            }
            return new Open(detail.toString());
        }
        Long previous = depthsNewestFirst.size() > 1 ? depthsNewestFirst.get(1) : null;
        boolean growing = latest != null && previous != null && latest > previous;
        return growing ? new Keep() : new Resolve();
    }

    private static String bytes(Double bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
