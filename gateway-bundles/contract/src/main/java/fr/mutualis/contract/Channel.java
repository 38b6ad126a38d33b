package fr.mutualis.contract;

import java.util.Optional;

/** The last level of a gateway topic: what kind of message travels on it. */
public enum Channel {
    /** Gateway to fleet: {@link ReadingBatch} envelopes, QoS 1, not retained. */
    UP("up"),
    /** Gateway to fleet: {@link GatewayState} birth and death (last will), QoS 1, retained. */
    STATE("state"),
    /** Gateway to fleet: periodic {@link HealthReport}, QoS 0 or 1, not retained. */
    HEALTH("health"),
    /** Fleet to gateway: {@link DownlinkRequest}, QoS 1, not retained; the only channel a gateway subscribes to. */
    DOWN("down"),
    /** Gateway to fleet: {@link DownlinkResult}, what became of a downlink, QoS 1, not retained. */
    TX_ACK("txack");

    private final String topicLevel;

    Channel(String topicLevel) {
        this.topicLevel = topicLevel;
    }

    /** True for the channels a gateway publishes on (the fleet subscribes to them). */
    public boolean fromGateway() {
        return this != DOWN;
    }

    public String topicLevel() {
        return topicLevel;
    }

    public static Optional<Channel> fromTopicLevel(String level) {
        for (Channel channel : values()) {
            if (channel.topicLevel.equals(level)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
