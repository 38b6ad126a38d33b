package fr.mutualis.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void buildsAndParsesGatewayTopics() {
        String topic = Topics.topic("35238", "gw-rennes-1", Channel.UP);

        assertThat(topic).isEqualTo("mutualis/v1/35238/gw-rennes-1/up");
        assertThat(Topics.parse(topic)).contains(new Topics.GatewayTopic("35238", "gw-rennes-1", Channel.UP));
        assertThat(Topics.gatewayPrefix("2A004", "gw-1")).isEqualTo("mutualis/v1/2A004/gw-1/");
        assertThat(Topics.allGateways(Channel.STATE)).isEqualTo("mutualis/v1/+/+/state");
    }

    @Test
    void rejectsTopicsOutsideTheScheme() {
        assertThat(Topics.parse("mutualis/v1/35238/gw-1/unknown")).isEmpty();
        assertThat(Topics.parse("mutualis/v2/35238/gw-1/up")).isEmpty();
        assertThat(Topics.parse("mutualis/v1/3523/gw-1/up")).isEmpty();
        assertThat(Topics.parse("mutualis/v1/35238/GW_1/up")).isEmpty();
        assertThat(Topics.parse("mutualis/v1/35238/gw-1/up/extra")).isEmpty();
        assertThat(Topics.parse("mutualis/v1/35238/+/up")).isEmpty();
        assertThat(Topics.parse(null)).isEmpty();
    }

    @Test
    void refusesIdentifiersThatWouldEscapeATopicLevel() {
        assertThatThrownBy(() -> Topics.topic("35238", "gw/other", Channel.UP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway id");
        assertThatThrownBy(() -> Topics.topic("#", "gw-1", Channel.UP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INSEE");
        assertThatThrownBy(() -> Topics.topic("35238", "-gw", Channel.UP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
