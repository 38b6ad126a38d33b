package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step of an update on a gateway, published on {@link Channel#UPDATE_STATE}: at every step,
 * every few percent while downloading, and again at each connection for the latest campaign until
 * the fleet has seen its final step (the fleet must accept the same status twice).
 *
 * @param v              envelope version, {@link #VERSION}
 * @param campaign       the campaign of the {@link UpdateOrder}
 * @param release        the release the order asked for
 * @param step           where the update is
 * @param percent        download progress 0–100, with {@link Step#DOWNLOADING}
 * @param reason         why, with {@link Step#REFUSED}, {@link Step#FAILED} and {@link Step#REVERTED}
 * @param runningRelease the release the gateway runs as it sends this
 * @param at             when the gateway reached this step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateStatus(
        int v,
        String gatewayId,
        String commune,
        String campaign,
        String release,
        Step step,
        Integer percent,
        String reason,
        String runningRelease,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at) {

    public static final int VERSION = 1;

    public enum Step {
        DOWNLOADING,
        VERIFYING,
        INSTALLING,
        /** Installed and running; kept only if it stays healthy for the order's health window. */
        HEALTH_CHECK,
        /** Final: the new release passed its health window and is kept. */
        SUCCEEDED,
        /** Final: nothing installed — bad signature, digest mismatch, older than the running release, malformed package. */
        REFUSED,
        /** Final: nothing installed — the package could not be downloaded or stored (e.g. disk full). */
        FAILED,
        /** Final: installed, then the previous release was restored (failed health check, lost contact, crash). */
        REVERTED;

        public boolean isFinal() {
            return this == SUCCEEDED || this == REFUSED || this == FAILED || this == REVERTED;
        }
    }
}
