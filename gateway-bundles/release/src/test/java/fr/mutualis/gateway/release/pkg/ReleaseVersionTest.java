package fr.mutualis.gateway.release.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReleaseVersionTest {

    @Test
    void comparesAsOsgiDoes() {
        assertThat(ReleaseVersion.parse("1.10.0")).isGreaterThan(ReleaseVersion.parse("1.9.9"));
        assertThat(ReleaseVersion.parse("1.0.0.SNAPSHOT")).isGreaterThan(ReleaseVersion.parse("1.0.0"));
        assertThat(ReleaseVersion.parse("1")).isEqualTo(ReleaseVersion.parse("1.0.0"));
        assertThat(ReleaseVersion.fromMaven("0.1.0-SNAPSHOT")).hasToString("0.1.0.SNAPSHOT");
        assertThat(ReleaseVersion.fromMaven("2.0-rc.1")).hasToString("2.0.0.rc_1");
    }

    @Test
    void refusesWhatIsNotAVersion() {
        assertThatThrownBy(() -> ReleaseVersion.parse("1.x")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> ReleaseVersion.parse("1.0.0.a b")).hasMessageContaining("invalid qualifier");
        assertThatThrownBy(() -> ReleaseVersion.parse("")).hasMessageContaining("empty version");
    }
}
