package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevAddrPrefixTest {

    @Test
    void matchesTheDevAddrsThatShareItsLeadingBits() {
        DevAddrPrefix ttn = DevAddrPrefix.parse("26000000/7");

        assertThat(ttn.matches(0x26000000)).isTrue();
        assertThat(ttn.matches(0x27ffffff)).isTrue();
        assertThat(ttn.matches(0x28000000)).isFalse();
        assertThat(ttn.matches(0xa6000000)).isFalse();
        assertThat(ttn).isEqualTo(new DevAddrPrefix(0x26000000, 7)).hasToString("26000000/7");
    }

    @Test
    void lengthZeroMatchesEverythingAndLengthThirtyTwoOneAddress() {
        assertThat(DevAddrPrefix.parse("00000000/0").matches(0xdeadbeef)).isTrue();
        DevAddrPrefix one = DevAddrPrefix.parse("DEADBEEF/32");
        assertThat(one.matches(0xdeadbeef)).isTrue();
        assertThat(one.matches(0xdeadbeee)).isFalse();
    }

    @Test
    void saysWhichPrefixWasMeantWhenBitsAreSetAfterTheLength() {
        assertThatThrownBy(() -> DevAddrPrefix.parse("26000001/7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 26000000/7?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"26000000", "2600000/7", "26000000/33", "26000000/-1", "26000000/", "26000000/7a",
        "2600000g/7", "26000000/007"})
    void refusesMalformedPrefixes(String text) {
        assertThatThrownBy(() -> DevAddrPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
