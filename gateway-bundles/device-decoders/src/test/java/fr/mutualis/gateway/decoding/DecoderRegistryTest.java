package fr.mutualis.gateway.decoding;

import fr.mutualis.gateway.decoding.axioma.QalcosonicW1Decoder;
import fr.mutualis.gateway.decoding.milesight.MilesightWs558Decoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecoderRegistryTest {

    private final DecoderRegistry registry = DecoderRegistry.builtIn();

    @Test
    void findsEachBuiltInDecoderByItsClassName() {
        assertThat(registry.deviceClasses()).containsExactly("milesight-ws558", "qalcosonic-w1");
        assertThat(registry.decoderFor("qalcosonic-w1")).isInstanceOf(QalcosonicW1Decoder.class);
        assertThat(registry.decoderFor("milesight-ws558")).isInstanceOf(MilesightWs558Decoder.class);
    }

    @Test
    void anUnknownClassNameListsTheKnownOnes() {
        assertThatThrownBy(() -> registry.decoderFor("kamstrup-flowiq"))
                .isInstanceOfSatisfying(UnknownDeviceClassException.class, e -> {
                    assertThat(e).hasMessage("unknown device class \"kamstrup-flowiq\"; known classes: "
                            + "milesight-ws558, qalcosonic-w1");
                    assertThat(e.deviceClass()).isEqualTo("kamstrup-flowiq");
                    assertThat(e.knownDeviceClasses()).containsExactly("milesight-ws558", "qalcosonic-w1");
                });
    }

    @Test
    void namesAreExact() {
        assertThat(registry.find("Qalcosonic-W1")).isEmpty();
        assertThat(registry.find(" qalcosonic-w1")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThatThrownBy(() -> registry.decoderFor(null)).isInstanceOf(UnknownDeviceClassException.class);
    }

    @Test
    void refusesTwoDecodersForOneClass() {
        assertThatThrownBy(() -> new DecoderRegistry(List.of(new QalcosonicW1Decoder(), new QalcosonicW1Decoder())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qalcosonic-w1");
    }

    @Test
    void refusesAClassNameThatIsNotLowerCaseWithDashes() {
        PayloadDecoder badlyNamed = new PayloadDecoder() {
            @Override
            public String deviceClass() {
                return "Qalcosonic W1";
            }

            @Override
            public DecodedPayload decode(int fPort, byte[] plaintext) {
                throw new UnsupportedOperationException();
            }
        };

        assertThatThrownBy(() -> new DecoderRegistry(List.of(badlyNamed)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Qalcosonic W1");
    }
}
