package fr.mutualis.hardware.simulator.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetIdTest {

    @Test
    void type0NetIdOwnsASevenBitPrefix() {
        NetId netId = NetId.parse("000013");

        assertThat(netId.type()).isZero();
        assertThat(netId.devAddrPrefix()).isEqualTo(0x26000000);
        assertThat(netId.prefixLength()).isEqualTo(7);
        assertThat(netId.owns(0x26000000)).isTrue();
        assertThat(netId.owns(0x27FFFFFF)).isTrue();
        assertThat(netId.owns(0x28000000)).isFalse();
        assertThat(netId.owns(0x02000001)).isFalse();
        assertThat(NetId.parse("000001").devAddrPrefix()).isEqualTo(0x02000000);
    }

    @Test
    void higherTypesHaveLongerPrefixesStartingWithTypeOnes() {
        NetId type3 = NetId.parse("60002D"); // NwkID: 11 least significant bits = 0x02D
        NetId type6 = NetId.parse("C00053"); // NwkID: 15 bits = 0x0053

        assertThat(type3.type()).isEqualTo(3);
        assertThat(type3.prefixLength()).isEqualTo(4 + 11);
        assertThat(type3.devAddrPrefix() >>> 28).isEqualTo(0b1110);
        assertThat((type3.devAddrPrefix() >>> 17) & 0x7FF).isEqualTo(0x02D);
        assertThat(type6.prefixLength()).isEqualTo(7 + 15);
        assertThat(type6.devAddrPrefix() >>> 25).isEqualTo(0b1111110);
        assertThat((type6.devAddrPrefix() >>> 10) & 0x7FFF).isEqualTo(0x53);
        int devAddr = type6.devAddr(0xFFFF_FFFF);
        assertThat(type6.owns(devAddr)).isTrue();
        assertThat(devAddr & 0x3FF).isEqualTo(0x3FF);
    }
}
