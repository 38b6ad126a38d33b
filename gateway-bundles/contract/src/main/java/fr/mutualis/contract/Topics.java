package fr.mutualis.contract;

import java.util.Optional;

/**
 * The MQTT topic scheme: {@code mutualis/v1/{commune}/{gatewayId}/{channel}}.
 *
 * <p>Everything a gateway sends or receives lives under its own prefix
 * {@code mutualis/v1/{commune}/{gatewayId}/}, so a broker ACL can confine each gateway to one
 * pattern, and a commune's traffic to {@code mutualis/v1/{commune}/#}.
 */
public final class Topics {

    public static final String ROOT = "mutualis";
    public static final String VERSION = "v1";

    private Topics() {
    }

    /** The prefix under which one gateway may publish and subscribe, ending with '/'. */
    public static String gatewayPrefix(String commune, String gatewayId) {
        return ROOT + "/" + VERSION + "/" + Identifiers.requireCommune(commune) + "/"
                + Identifiers.requireGatewayId(gatewayId) + "/";
    }

    public static String topic(String commune, String gatewayId, Channel channel) {
        return gatewayPrefix(commune, gatewayId) + channel.topicLevel();
    }

    /** The subscription filter for one channel of every gateway of every commune. */
    public static String allGateways(Channel channel) {
        return ROOT + "/" + VERSION + "/+/+/" + channel.topicLevel();
    }

    /**
     * Parses a gateway topic. Returns empty for anything that is not exactly
     * {@code mutualis/v1/{valid commune}/{valid gateway id}/{known channel}}.
     */
    public static Optional<GatewayTopic> parse(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        String[] levels = topic.split("/", -1);
        if (levels.length != 5 || !ROOT.equals(levels[0]) || !VERSION.equals(levels[1])
                || !Identifiers.isValidCommune(levels[2]) || !Identifiers.isValidGatewayId(levels[3])) {
            return Optional.empty();
        }
        return Channel.fromTopicLevel(levels[4])
                .map(channel -> new GatewayTopic(levels[2], levels[3], channel));
    }

    /** A parsed gateway topic. */
    public record GatewayTopic(String commune, String gatewayId, Channel channel) {
    }
}
