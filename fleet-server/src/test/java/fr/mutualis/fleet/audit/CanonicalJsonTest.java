package fr.mutualis.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The canonical form of docs/audit.md, rule by rule. */
class CanonicalJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private static String canonical(String json) {
        return CanonicalJson.write(CanonicalJson.parse(json));
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsAtEveryLevelWithoutWhitespace() {
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFD in UTF-16 (not in code points).
        assertThat(canonical("{ \"b\" : 1, \"a\" : { \"\uFFFD\": 1, \"\uD83D\uDE00\": 2, \"é\": 3, \"Z\": 4, \"z\": 5 } }"))
                .isEqualTo("{\"a\":{\"Z\":4,\"z\":5,\"é\":3,\"\uD83D\uDE00\":2,\"\uFFFD\":1},\"b\":1}");
        assertThat(canonical("{\"commune\":1,\"communePrevHash\":2,\"at\":3,\"after\":4}"))
                .isEqualTo("{\"after\":4,\"at\":3,\"commune\":1,\"communePrevHash\":2}");
    }

    @Test
    void arraysKeepTheirOrderAndLiteralsAreWrittenAsIs() {
        assertThat(canonical("[ 3, 1, [ ], { }, true, false, null, \"\" ]")).isEqualTo("[3,1,[],{},true,false,null,\"\"]");
    }

    @Test
    void stringsEscapeOnlyQuoteBackslashAndControlCharacters() {
        String value = "\"\\\b\f\n\r\t\u0001\u001f\u007f/é\uD83D\uDE00<>&'";
        assertThat(CanonicalJson.string(value))
                .isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f/é\uD83D\uDE00<>&'\"");
        assertThat(canonical("\"\\u00e9\\/\\u001F\"")).as("escapes in the input are decoded, then re-encoded")
                .isEqualTo("\"é/\\u001f\"");
    }

    @Test
    void numbersAreExactDecimalsInPlainNotation() {
        assertThat(canonical("[1.0, 1e2, -0, -0.0, 0.10, 123456789012345678901234567890, 1.5E-7, -12.340, 2.5e+3, 7]"))
                .isEqualTo("[1,100,0,0,0.1,123456789012345678901234567890,0.00000015,-12.34,2500,7]");
        assertThat(canonical("0.1000000000000000055511151231257827"))
                .as("no rounding to a double").isEqualTo("0.1000000000000000055511151231257827");
    }

    @Test
    void javaDoublesAndFloatsBecomeTheDecimalJacksonWrites() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("freq", 869.525);
        values.put("ratio", 0.1f);
        values.put("big", Long.MAX_VALUE);
        values.put("whole", 14.0);
        assertThat(CanonicalJson.write(mapper.valueToTree(values)))
                .isEqualTo("{\"big\":9223372036854775807,\"freq\":869.525,\"ratio\":0.1,\"whole\":14}");
    }

    @Test
    void theCanonicalFormOfACanonicalTextIsItself() {
        String once = canonical("{\"z\":[1.50,{\"y\":\"\\u0007\",\"x\":-0.0}],\"a\":\"\uD83D\uDE00\"}");
        assertThat(canonical(once)).isEqualTo(once);
        assertThat(canonical("{\"a\": \"\uD83D\uDE00\", \"z\": [1.5, {\"x\": 0, \"y\": \"\\u0007\"}]}"))
                .as("as PostgreSQL prints the same jsonb value").isEqualTo(once);
    }

    @Test
    void valuesThatCannotBeRecordedFaithfullyAreRefused() {
        assertThatThrownBy(() -> CanonicalJson.write(mapper.valueToTree(Map.of("x", Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> CanonicalJson.string("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> CanonicalJson.string("a\uD83Db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired");
        assertThatThrownBy(() -> CanonicalJson.string("\uDE00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired");
        assertThatThrownBy(() -> canonical("1e300"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("301 digits");
        assertThat(canonical("1e199")).hasSize(200);
    }

    @Test
    void aDuplicateMemberIsAnErrorNotASilentChoice() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1} {\"b\":2}")).isInstanceOf(JacksonException.class);
    }
}
