package fr.mutualis.gateway.decoding;

import java.time.Instant;
import java.util.Objects;

/**
 * A frame of a known device, authenticated (MIC checked with its NwkSKey), decrypted and decoded
 * on the gateway itself, so that local rules can act on it while the backhaul is down.
 *
 * @param devAddr    the device's DevAddr, 8 lower-case hex digits as written in configuration
 * @param fCnt       the 32-bit frame counter
 * @param fPort      the application port
 * @param receivedAt when the gateway received the frame
 * @param payload    the decoded values
 */
public record DecodedUplink(String devAddr, long fCnt, int fPort, Instant receivedAt, DecodedPayload payload) {

    public DecodedUplink {
        Objects.requireNonNull(devAddr, "devAddr");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
