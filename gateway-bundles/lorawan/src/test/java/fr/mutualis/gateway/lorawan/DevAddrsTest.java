package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevAddrsTest {

    /**
     * DevAddr, type, NwkID, NwkAddr. Types 0, 1, 2, 5, 6, 7: The Things Stack pkg/types/devaddr_test.go
     * (TestDevAddr; those types are the same before and after the Backend Interfaces erratum). Types
     * 3 and 4: built from the erratum's Table 2 (11 and 12 NwkID bits) with the same NwkID 0x0ff.
     */
    @ParameterizedTest(name = "DevAddr {0}: type {1}, NwkID {2}, NwkAddr {3}")
    @CsvSource({
        "3effff42, 0, 1f,    ffff42",
        "9fffff42, 1, 1f,    ffff42",
        "cfffff42, 2, ff,    fff42",
        "e1ffff42, 3, ff,    1ff42",
        "f07fff42, 4, ff,    7f42",
        "f81fff42, 5, ff,    1f42",
        "fc03ff42, 6, ff,    342",
        "feffffc2, 7, 1ffff, 42",
    })
    void splitsADevAddrIntoTypeNwkIdAndNwkAddr(String devAddr, int type, String nwkId, String nwkAddr) {
        int addr = DevAddrs.parse(devAddr);

        assertThat(DevAddrs.netIdType(addr)).isEqualTo(type);
        assertThat(DevAddrs.nwkId(addr)).isEqualTo(Integer.parseInt(nwkId, 16));
        assertThat(DevAddrs.nwkAddr(addr)).isEqualTo(Integer.parseInt(nwkAddr, 16));
        assertThat(DevAddrs.toString(addr)).isEqualTo(devAddr);
    }

    @Test
    void aDevAddrBelongsToTheNetIdWhoseNwkIdItCarries() {
        for (String netId : new String[] {"000013", "20002d", "40016d", "6000ff", "8000ff", "a000ff", "c000ff", "e0ffff"}) {
            NetId id = NetId.parse(netId);
            int someDevice = id.devAddrPrefix().prefix() | 0x2a;

            assertThat(DevAddrs.netIdType(someDevice)).as(netId).isEqualTo(id.type());
            assertThat(DevAddrs.nwkId(someDevice)).as(netId).isEqualTo(id.nwkId());
            assertThat(id.contains(someDevice)).as(netId).isTrue();
        }
    }

    @Test
    void eightLeadingOnesAreNoNetIdType() {
        assertThat(DevAddrs.netIdType(0xff000000)).isEqualTo(-1);
        assertThat(DevAddrs.netIdType(0xffffffff)).isEqualTo(-1);
        assertThat(DevAddrs.nwkId(0xff123456)).isEqualTo(-1);
        assertThat(DevAddrs.nwkAddr(0xff123456)).isEqualTo(-1);
        assertThat(DevAddrs.netIdType(0xfe000000)).isEqualTo(7);
        assertThat(DevAddrs.netIdType(0)).isZero();
    }
}
