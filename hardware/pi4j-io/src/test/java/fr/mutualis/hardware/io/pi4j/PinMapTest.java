package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinMapTest {

    @Test
    void parsesNamesToBcmNumbersInOrder() {
        assertThat(PinMap.parse(new String[] {"street-1=17", " street-2 = 27 ", "sounder=22"}))
                .containsExactly(java.util.Map.entry("street-1", 17), java.util.Map.entry("street-2", 27),
                        java.util.Map.entry("sounder", 22));
        assertThat(PinMap.parse(new String[0])).isEmpty();
    }

    @Test
    void refusesWhatCouldSwitchTheWrongContactor() {
        assertThatThrownBy(() -> PinMap.parse(new String[] {"street-1=17", "street-2=17"}))
                .hasMessageContaining("BCM 17 is mapped to both 'street-1' and 'street-2'");
        assertThatThrownBy(() -> PinMap.parse(new String[] {"a=1", "a=2"})).hasMessageContaining("mapped twice");
        assertThatThrownBy(() -> PinMap.parse(new String[] {"a=28"})).hasMessageContaining("BCM 0-27");
        assertThatThrownBy(() -> PinMap.parse(new String[] {"a=GPIO17"})).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PinMap.parse(new String[] {"street 1=4"})).hasMessageContaining("channel name");
        assertThatThrownBy(() -> PinMap.parse(new String[] {"17"})).hasMessageContaining("name=bcm");
    }
}
