package fr.mutualis.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class InitialConfigurationFileTest {

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void mapsShortKeysToTypedConfigurationProperties() {
        InitialConfigurationFile file = InitialConfigurationFile.of(properties(
                "gateway.id", "gw-1", "gateway.commune", "35238", "broker.url", "tcp://127.0.0.1:1883",
                "gwmp.port", " 1700 ", "data.dir", "/var/lib/mutualis"));

        assertThat(file.configurations()).containsOnlyKeys(InitialConfigurationFile.IDENTITY_PID,
                InitialConfigurationFile.UPLINK_PID, InitialConfigurationFile.INGEST_PID);
        assertThat(file.configurations().get(InitialConfigurationFile.IDENTITY_PID).get("gatewayId")).isEqualTo("gw-1");
        assertThat(file.configurations().get(InitialConfigurationFile.INGEST_PID).get("port")).isEqualTo(1700);
    }

    @Test
    void namesEveryUnknownKeyAndBadNumberAtOnce() {
        assertThatThrownBy(() -> InitialConfigurationFile.of(properties(
                "gateway.idd", "gw-1", "gwmp.port", "seventeen", "broker.keepalive.seconds", "30")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'gateway.idd'")
                .hasMessageContaining("'gwmp.port' must be a whole number, was 'seventeen'")
                .hasMessageContaining("Known keys:");
    }
}
