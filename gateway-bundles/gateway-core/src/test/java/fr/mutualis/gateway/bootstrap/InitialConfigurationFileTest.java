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
    void consoleAddressAndPortGoToTheLocalConsolesPid() {
        InitialConfigurationFile file = InitialConfigurationFile.of(properties(
                "console.bind", "127.0.0.1", "console.port", "8091"));

        assertThat(file.configurations()).containsOnlyKeys("fr.mutualis.gateway.console");
        assertThat(file.configurations().get("fr.mutualis.gateway.console").get("bindAddress")).isEqualTo("127.0.0.1");
        assertThat(file.configurations().get("fr.mutualis.gateway.console").get("port")).isEqualTo(8091);
    }

    @Test
    void circuitsAndAlarmsBecomeNamedFactoryConfigurationsWithTypedValues() {
        InitialConfigurationFile file = InitialConfigurationFile.of(properties(
                "outputs.channels", "17, 27", "outputs.active.at.start", "true",
                "circuit.rue-haute.output", "17", "circuit.rue-haute.latitude", "48.11",
                "circuit.rue-haute.longitude", "-1.68", "circuit.rue-haute.cutOff", "23:00-05:00",
                "circuit.rue-haute.exceptions", "2026-12-24 ON, 2026-12-31 ON",
                "alarm.fuite-cave.condition", "leak == 1", "alarm.fuite-cave.output", "27"));

        var circuit = file.configurations().get("fr.mutualis.autonomy.lighting.circuit~rue-haute");
        assertThat(circuit.get("circuit")).isEqualTo("rue-haute");
        assertThat(circuit.get("latitude")).isEqualTo(48.11);
        assertThat((String[]) circuit.get("exceptions")).containsExactly("2026-12-24 ON", "2026-12-31 ON");
        assertThat(file.configurations().get("fr.mutualis.autonomy.alarm~fuite-cave").get("name")).isEqualTo("fuite-cave");
        assertThat(file.configurations().get("fr.mutualis.hardware.outputs").get("activeAtStart")).isEqualTo(true);
    }

    @Test
    void refusesUnknownFactoryPropertiesBadNamesAndBadBooleans() {
        assertThatThrownBy(() -> InitialConfigurationFile.of(properties(
                "circuit.rue-haute.colour", "red", "alarm.fuite/cave.output", "27", "circuit.x.latitude", "north",
                "outputs.active.low", "oui")))
                .hasMessageContaining("unknown circuit property 'colour'")
                .hasMessageContaining("the alarm name must be letters, digits and dashes")
                .hasMessageContaining("'circuit.x.latitude' must be a number, was 'north'")
                .hasMessageContaining("'outputs.active.low' must be true or false, was 'oui'");
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
