package fr.mutualis.fleet.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReleaseVersionTest {

    @Test
    void comparesAsOsgiDoes() {
        assertThat(ReleaseVersion.parse("1.10.0")).isGreaterThan(ReleaseVersion.parse("1.9.9"));
        assertThat(ReleaseVersion.parse("1")).isEqualByComparingTo(ReleaseVersion.parse("1.0.0"));
        assertThat(ReleaseVersion.parse("1.0.0.b")).isGreaterThan(ReleaseVersion.parse("1.0.0.a"));
        assertThat(ReleaseVersion.parse("1.0.0.a")).isGreaterThan(ReleaseVersion.parse("1.0.0"));
    }

    @Test
    void refusesWhatIsNotAnOsgiVersion() {
        for (String wrong : new String[] {"", "v1", "1.0.0-rc1", "1..0", "1.0.0.", "01.0", "1.0.0.a.b"}) {
            assertThatThrownBy(() -> ReleaseVersion.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
