package fr.mutualis.fleet.campaign;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many failures a wave may have before the campaign halts itself. Either bound, or both: the
 * campaign halts as soon as one is exceeded, without waiting for the rest of the wave. Failed
 * means refused, failed, reverted or timed out.
 */
@Schema(description = "Failures a wave tolerates; exceeding either bound halts the campaign at once.")
public record FailureThreshold(
        @Schema(description = "Most failed gateways per wave (default 0: the first failure halts).") Integer maxFailed,
        @Schema(description = "Most failed gateways per wave, in percent of the wave's size.") Integer maxFailedPercent) {

    public static final FailureThreshold STRICT = new FailureThreshold(0, null);

    public FailureThreshold {
        if (maxFailed != null && maxFailed < 0) {
            throw new IllegalArgumentException("failureThreshold.maxFailed cannot be negative");
        }
        if (maxFailedPercent != null && (maxFailedPercent < 0 || maxFailedPercent > 100)) {
            throw new IllegalArgumentException("failureThreshold.maxFailedPercent must be within 0..100");
        }
    }

    /** True when {@code failed} gateways of a wave of {@code waveSize} exceed a bound. */
    public boolean exceeded(long failed, long waveSize) {
        if (maxFailed == null && maxFailedPercent == null) {
            return STRICT.exceeded(failed, waveSize);
        }
        boolean tooMany = maxFailed != null && failed > maxFailed;
        boolean tooLarge = maxFailedPercent != null && failed * 100 > (long) maxFailedPercent * waveSize;
        return tooMany || tooLarge;
    }

    String describe() {
        if (maxFailed == null && maxFailedPercent == null) {
            return STRICT.describe();
        }
        return (maxFailed == null ? "" : "at most " + maxFailed + " failed")
                + (maxFailed != null && maxFailedPercent != null ? " and " : "")
                + (maxFailedPercent == null ? "" : "at most " + maxFailedPercent + " % failed");
    }
}
