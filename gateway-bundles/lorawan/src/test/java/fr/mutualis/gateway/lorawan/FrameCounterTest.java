package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FrameCounterTest {

    @ParameterizedTest(name = "FCnt {0} after {1} is {2}")
    @CsvSource({
        "0,     0,          0",          // first frame of a device
        "5,     0,          5",
        "5,     5,          5",          // retransmission of the last frame
        "6,     5,          6",
        "65535, 65534,      65535",
        "0,     65535,      65536",      // the 16-bit counter rolled over
        "3,     65535,      65539",
        "4,     65536,      65540",
        "65535, 65536,      131071",     // forward within the same high half
        "1,     131071,     131073",
        "100,   4294901860, 4294901860", // 0xFFFF0064, retransmission near the top
        "0,     4294967295, 0",          // wraps after 0xFFFFFFFF
    })
    void extendsTheSixteenBitsOnAirToThirtyTwo(int fCnt16, long last, long expected) {
        assertThat(FrameCounter.extend(fCnt16, last)).isEqualTo(expected);
    }

    @Test
    void anOlderCounterMapsToTheNextRolloverWhereItsMicWillFail() {
        // A replayed frame with FCnt 10 after 20 cannot be told from a frame 65,526 later.
        assertThat(FrameCounter.extend(10, 20)).isEqualTo(65_546);
    }

    @Test
    void refusesValuesOutOfRange() {
        assertThatThrownBy(() -> FrameCounter.extend(65_536, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameCounter.extend(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameCounter.extend(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameCounter.extend(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
