package fr.mutualis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void frenchByDefaultWhateverTheJvmLocaleAndEnglishOnRequest() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            assertThat(new Messages("fr").get("demo.stopped")).isEqualTo("Démo arrêtée.");
            assertThat(new Messages("en").get("demo.stopped")).isEqualTo("Demo stopped.");
            assertThat(new Messages("fr").get("demo.port.busy", 8080, "--http-port"))
                    .isEqualTo("Le port 8080 est déjà utilisé : une autre démo tourne-t-elle ? "
                            + "Choisissez un autre port avec --http-port.");
        } finally {
            Locale.setDefault(before);
        }
    }
}
