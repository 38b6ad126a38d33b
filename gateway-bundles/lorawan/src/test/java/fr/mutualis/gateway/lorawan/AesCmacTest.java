package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AesCmacTest {

    private static final String RFC_KEY = "2b7e151628aed2a6abf7158809cf4f3c";
    private static final String RFC_MESSAGE = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    /** RFC 4493 section 4, Examples 1 to 4: the empty message, one block, 40 bytes, four blocks. */
    @ParameterizedTest(name = "RFC 4493 example, {0}-byte message")
    @CsvSource({
        "0,  bb1d6929e95937287fa37d129b756746",
        "16, 070a16b46b4d4144f79bdd9dd04a287c",
        "40, dfa66747de9ae63030ca32611497c827",
        "64, 51f0bebf7e3b9d92fc49741779363cfe",
    })
    void matchesTheRfc4493Examples(int length, String expectedMac) {
        byte[] message = Frames.hex(RFC_MESSAGE.substring(0, 2 * length));

        assertThat(Frames.hex(LoRaWanCrypto.aesCmac(Frames.hex(RFC_KEY), message))).isEqualTo(expectedMac);
    }

    @Test
    void refusesKeysThatAreNotAes128() {
        assertThatThrownBy(() -> LoRaWanCrypto.aesCmac(new byte[15], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes, got 15");
        assertThatThrownBy(() -> LoRaWanCrypto.aesCmac(null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
