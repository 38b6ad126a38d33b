package fr.mutualis.hardware.simulator.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 4493, section 4. */
class AesCmacTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final String MESSAGE = "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";

    @Test
    void derivesTheRfcSubkeys() {
        byte[] l = HEX.parseHex("7df76b0c1ab899b33e42f047b91b546f");
        byte[] k1 = AesCmac.doubled(l);
        assertThat(HEX.formatHex(k1)).isEqualTo("fbeed618357133667c85e08f7236a8de");
        assertThat(HEX.formatHex(AesCmac.doubled(k1))).isEqualTo("f7ddac306ae266ccf90bc11ee46d513b");
    }

    @Test
    void emptyMessage() {
        assertThat(mac(0)).isEqualTo("bb1d6929e95937287fa37d129b756746");
    }

    @Test
    void oneCompleteBlock() {
        assertThat(mac(16)).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
    }

    @Test
    void partialLastBlock() {
        assertThat(mac(40)).isEqualTo("dfa66747de9ae63030ca32611497c827");
    }

    @Test
    void fourCompleteBlocks() {
        assertThat(mac(64)).isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
    }

    private static String mac(int length) {
        byte[] message = HEX.parseHex(MESSAGE.substring(0, 2 * length));
        return HEX.formatHex(AesCmac.mac(KEY, message));
    }
}
