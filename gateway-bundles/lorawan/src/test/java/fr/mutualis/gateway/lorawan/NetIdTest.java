package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetIdTest {

    /**
     * NetID to DevAddr prefix, one pair per type. Types 3 to 7 are the pairs of ChirpStack's
     * lrwn/src/netid.rs tests (which follow the Backend Interfaces erratum on types 3 and 4); types
     * 0 to 2 are the same IDs without the RFU bits those tests set (we refuse RFU bits), plus The
     * Things Network's 000013.
     */
    @ParameterizedTest(name = "NetID {0}: type {1}, NwkID {2}, prefix {3}")
    @CsvSource({
        "000013, 0, 13,    26000000/7",
        "00002d, 0, 2d,    5a000000/7",
        "20002d, 1, 2d,    ad000000/8",
        "40016d, 2, 16d,   d6d00000/12",
        "76db6d, 3, 36d,   e6da0000/15",
        "96db6d, 4, b6d,   f5b68000/17",
        "b6db6d, 5, 1b6d,  fb6da000/19",
        "d6db6d, 6, 5b6d,  fd6db400/22",
        "f6db6d, 7, db6d,  fe6db680/25",
    })
    void derivesTheDevAddrPrefixOfEachType(String netId, int type, String nwkId, String prefix) {
        NetId id = NetId.parse(netId);

        assertThat(id.type()).isEqualTo(type);
        assertThat(id.nwkId()).isEqualTo(Integer.parseInt(nwkId, 16));
        assertThat(id.devAddrPrefix()).isEqualTo(DevAddrPrefix.parse(prefix));
        assertThat(id.devAddrPrefix()).hasToString(prefix);
        assertThat(id).hasToString(netId);
    }

    @Test
    void theThingsNetworkOwnsTheDevAddrsStartingWith26And27() {
        NetId ttn = NetId.parse("000013");

        assertThat(ttn.contains(0x26012345)).isTrue();
        assertThat(ttn.contains(0x27ffffff)).isTrue();
        assertThat(ttn.contains(0x25ffffff)).isFalse();
        assertThat(ttn.contains(0x28000000)).isFalse();
        assertThat(ttn.id()).isEqualTo(0x13);
    }

    @Test
    void typesThreeToSevenKeepTheWholeIdButOnlyItsLowBitsInDevAddrs() {
        NetId id = NetId.parse("76db6d");

        assertThat(id.id()).isEqualTo(0x16db6d);
        assertThat(id.nwkId()).isEqualTo(0x36d);
        // Another NetID with the same 11 low bits shares the prefix.
        assertThat(NetId.parse("60036d").devAddrPrefix()).isEqualTo(id.devAddrPrefix());
    }

    @Test
    void refusesMalformedNetIds() {
        assertThatThrownBy(() -> NetId.parse("00013")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 hexadecimal digits");
        assertThatThrownBy(() -> NetId.parse("00001g")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 5");
        assertThatThrownBy(() -> NetId.parse("+00013")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetId.parse("00006d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFU bits");
        assertThatThrownBy(() -> new NetId(0x1000000)).isInstanceOf(IllegalArgumentException.class);
    }
}
