package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * An order to install a signed release, published by the fleet <em>retained</em> on the gateway's
 * {@link Channel#UPDATE} channel when the gateway's wave of a campaign starts.
 *
 * <p>The order only says where the package is and what it must be: the gateway trusts nothing in
 * it until the downloaded bytes match {@code sha256} and {@code signature} verifies with the
 * release public key installed on the gateway (never sent by the fleet). The gateway answers
 * each step with an {@link UpdateStatus} naming the same {@code campaign}; the same order received
 * again (every reconnection) must not restart a finished update.
 *
 * @param v                      envelope version, {@link #VERSION}
 * @param campaign               the campaign's identifier, echoed in every status
 * @param release                the release's version (OSGi version syntax, e.g. {@code 1.4.0})
 * @param packageUrl             HTTPS address of the deployment package (the fleet's gateway port, mutual TLS)
 * @param sha256                 lower-case hex SHA-256 of the package
 * @param size                   the package's size in bytes
 * @param signature              base64 Ed25519 signature of the package bytes by the release key
 * @param allowDowngrade         true only when an operator explicitly allowed installing an older release
 * @param healthWindowSeconds    how long the new release must stay healthy before it is kept
 * @param contactTimeoutSeconds  dead-man switch: revert if the fleet cannot be reached for this long after installing
 * @param maxBytesPerSecond      download bandwidth cap, 0 for none
 * @param issuedAt               when the fleet issued the order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateOrder(
        int v,
        String gatewayId,
        String commune,
        String campaign,
        String release,
        String packageUrl,
        String sha256,
        long size,
        String signature,
        boolean allowDowngrade,
        int healthWindowSeconds,
        int contactTimeoutSeconds,
        long maxBytesPerSecond,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt) {

    public static final int VERSION = 1;

    public UpdateOrder {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(commune, "commune");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(packageUrl, "packageUrl");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(signature, "signature");
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        if (healthWindowSeconds < 0 || contactTimeoutSeconds < 0 || maxBytesPerSecond < 0) {
            throw new IllegalArgumentException("durations and bandwidth cannot be negative");
        }
    }
}
