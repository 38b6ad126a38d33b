package fr.mutualis.fleet.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrolmentCodeTest {

    @Test
    void codesAreTwelveUnambiguousSymbolsInThreeGroups() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String code = EnrolmentCode.generate(random);
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
            seen.add(code);
        }
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void typingIsForgiving() {
        assertThat(EnrolmentCode.normalize(" k7qm 2xwd-9hi1 ")).isEqualTo("K7QM2XWD9H11");
        assertThat(EnrolmentCode.normalize("O0OL-1111-2222")).isEqualTo("000111112222");
        assertThat(EnrolmentCode.hash("k7qm-2xwd-9h11")).isEqualTo(EnrolmentCode.hash("K7QM2XWD9H11"));
    }

    @Test
    void refusesWhatCannotBeACode() {
        assertThatThrownBy(() -> EnrolmentCode.normalize("K7QM-2XWD")).hasMessageContaining("12 symbols");
        assertThatThrownBy(() -> EnrolmentCode.normalize("K7QM-2XWD-9H1U")).hasMessageContaining("'U'");
        assertThatThrownBy(() -> EnrolmentCode.normalize(null)).hasMessageContaining("missing");
    }
}
