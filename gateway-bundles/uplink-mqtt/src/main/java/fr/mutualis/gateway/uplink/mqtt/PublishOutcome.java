package fr.mutualis.gateway.uplink.mqtt;

import java.util.Optional;

/**
 * Whether a PUBACK means the fleet will get the message. Besides refusals (reason codes 0x80 and
 * above), MQTT 5 brokers answer 0x10 "no matching subscribers" when nobody is subscribed to the
 * topic: the broker took the message and threw it away. The fleet's session is persistent, so that
 * only happens when its session is gone (fleet down longer than the session expiry, broker
 * replaced): the gateway must then keep the message and send it again later, not count it delivered.
 */
final class PublishOutcome {

    static final int NO_MATCHING_SUBSCRIBERS = 0x10;

    private PublishOutcome() {
    }

    /** Why the message did not reach a subscriber, or empty when it did. */
    static Optional<String> problem(int[] reasonCodes, String topic) {
        if (reasonCodes == null || reasonCodes.length == 0) {
            return Optional.empty();
        }
        int code = reasonCodes[0];
        if (code == NO_MATCHING_SUBSCRIBERS) {
            return Optional.of("nobody is subscribed to " + topic + " (reason code 0x10): kept to be sent again");
        }
        if (code >= 0x80) {
            return Optional.of("broker refused the message on " + topic + ": reason code 0x" + Integer.toHexString(code));
        }
        return Optional.empty();
    }
}
