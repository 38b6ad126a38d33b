package fr.mutualis.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayConfigFileTest {

    @Test
    void rendersTheKeysTheAgentReads() {
        String rendered = new GatewayConfigFile("gw-1", "29019", "ssl://fleet.example:8883", "/var/lib/mutualis",
                "127.0.0.1", 1700).render();

        assertThat(rendered).contains("gateway.id=gw-1\n", "gateway.commune=29019\n",
                "broker.url=ssl://fleet.example:8883\n", "data.dir=/var/lib/mutualis\n", "gwmp.port=1700\n");
    }

    @Test
    void listsEveryProblemBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> new GatewayConfigFile("GW 1", "123", "http://x", "", "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway id 'GW 1'")
                .hasMessageContaining("commune '123'")
                .hasMessageContaining("broker URL 'http://x'")
                .hasMessageContaining("data directory")
                .hasMessageContaining("GWMP port 0");
    }
}
