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
    /** Fleet to gateway: {@link DownlinkRequest}, QoS 1, not retained; a gateway subscribes to it and to {@link #CONFIG}. */
    DOWN("down"),
    /** Gateway to fleet: {@link DownlinkResult}, what became of a downlink, QoS 1, not retained. */
    TX_ACK("txack"),
    /**
     * Fleet to gateway: the gateway's {@link DesiredConfiguration}, QoS 1, <em>retained</em>, so that a
     * gateway receives the latest version whenever it subscribes (every connection), however long it was away.
     */
    CONFIG("config"),
    /** Gateway to fleet: {@link ConfigurationReport}, its schemas, current values and applied version, QoS 1, not retained. */
    CONFIG_STATE("configstate"),
    /**
     * Fleet to gateway: the gateway's pending {@link UpdateOrder} (install a signed release), QoS 1,
     * <em>retained</em> so that a gateway offline when its wave started receives it on return; an empty
     * retained message withdraws the order (campaign cancelled or gateway removed from it).
     */
    UPDATE("update"),
    /** Gateway to fleet: {@link UpdateStatus}, each step of an update (downloading with %, …, succeeded, reverted), QoS 1, not retained. */
    UPDATE_STATE("updatestate"),
    /** Gateway to fleet: {@link LocalActionBatch}, what the gateway did on its own (lighting, alarms), QoS 1, not retained. */
    ACTIONS("actions");

    private final String topicLevel;

    Channel(String topicLevel) {
        this.topicLevel = topicLevel;
    }

    /** True for the channels a gateway publishes on (the fleet subscribes to them). */
    public boolean fromGateway() {
        return this != DOWN && this != CONFIG && this != UPDATE;
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
