package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EuiRangeTest {

    @Test
    void containsTheEuisBetweenItsBoundsInclusive() {
        EuiRange range = EuiRange.parse("70b3d57ed0000000-70b3d57ed00fffff");

        assertThat(range.contains(0x70b3d57ed0000000L)).isTrue();
        assertThat(range.contains(0x70b3d57ed0012345L)).isTrue();
        assertThat(range.contains(0x70b3d57ed00fffffL)).isTrue();
        assertThat(range.contains(0x70b3d57ed0100000L)).isFalse();
        assertThat(range.contains(0x70b3d57ecfffffffL)).isFalse();
        assertThat(range).hasToString("70b3d57ed0000000-70b3d57ed00fffff");
    }

    @Test
    void comparesUnsignedSoRangesAcrossTheSignBitWork() {
        EuiRange acrossSign = EuiRange.parse("7fffffffffffff00-80000000000000ff");
        EuiRange top = EuiRange.parse("ffffffffffffff00-FFFFFFFFFFFFFFFF");

        assertThat(acrossSign.contains(0x8000000000000005L)).isTrue();
        assertThat(acrossSign.contains(0x7fffffffffffffffL)).isTrue();
        assertThat(acrossSign.contains(0L)).isFalse();
        assertThat(acrossSign.contains(-1L)).isFalse();
        assertThat(top.contains(-1L)).isTrue();
        assertThat(top.contains(0x00000000000000ffL)).isFalse();
        // Signed, this range would be valid (negative to positive); unsigned, it ends before it starts.
        assertThatThrownBy(() -> EuiRange.parse("8000000000000000-7fffffffffffffff"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before it starts");
    }

    @Test
    void aSingleEuiIsARangeOfOne() {
        EuiRange one = EuiRange.parse("0004a30b001c0530");

        assertThat(one.contains(0x0004a30b001c0530L)).isTrue();
        assertThat(one.contains(0x0004a30b001c0531L)).isFalse();
        assertThat(one).hasToString("0004a30b001c0530");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0004a30b001c053", "0004a30b001c0530-", "-0004a30b001c0530", "0004a30b001c05300",
        "0004a30b001c053x", "0004a30b001c0530-0004a30b001c0530-0004a30b001c0530"})
    void refusesMalformedRanges(String text) {
        assertThatThrownBy(() -> EuiRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
