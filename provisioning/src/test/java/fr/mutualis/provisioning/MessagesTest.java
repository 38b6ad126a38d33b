package fr.mutualis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
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

    @Test
    void bothLanguagesHaveEveryMessage() throws Exception {
        assertThat(bundle("messages_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("messages.properties").stringPropertyNames());
    }

    /** MessageFormat eats a lone apostrophe (and what follows it up to the next one): French needs ''. */
    @Test
    void noMessageLosesAnApostrophe() throws Exception {
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        for (String file : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties messages = bundle(file);
            for (String key : messages.stringPropertyNames()) {
                if (!key.startsWith("time.")) {
                    assertThat(lone.matcher(messages.getProperty(key)).find()).as(file + " " + key).isFalse();
                }
            }
        }
    }

    private static Properties bundle(String file) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/fr/mutualis/provisioning/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
