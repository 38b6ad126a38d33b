package fr.mutualis.gateway.console.page;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.gateway.autonomy.lighting.LightingDecision;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void everyKeyExistsInBothLanguagesAndFrenchIsTheDefault() {
        assertThat(Texts.FR.keySet()).isEqualTo(Texts.EN.keySet());
        assertThat(Texts.of(null).language()).isEqualTo("fr");
        assertThat(Texts.of("de").language()).isEqualTo("fr");
        assertThat(Texts.of("en").language()).isEqualTo("en");
    }

    @Test
    void everyLightingReasonHasItsWords() {
        assertThat(Arrays.stream(LightingDecision.Reason.values()).map(reason -> "reason." + reason.name()))
                .allSatisfy(key -> assertThat(Texts.FR).containsKey(key));
    }

    @Test
    void htmlIsEscaped() {
        assertThat(Html.escape("<b a=\"1\">'&")).isEqualTo("&lt;b a=&quot;1&quot;&gt;&#39;&amp;");
    }
}
