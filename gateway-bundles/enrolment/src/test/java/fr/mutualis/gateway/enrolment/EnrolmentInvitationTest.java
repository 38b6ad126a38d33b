package fr.mutualis.gateway.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrolmentInvitationTest {

    private static final String PIN = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    @Test
    void readsTheFleetTheCodeAndThePin() {
        EnrolmentInvitation invitation = EnrolmentInvitation.parse(
                "https://fleet.example.org:8443/enrol?code=K7QM-2XWD-9H11&ca=" + PIN);

        assertThat(invitation.fleetUrl()).hasToString("https://fleet.example.org:8443");
        assertThat(invitation.code()).isEqualTo("K7QM-2XWD-9H11");
        assertThat(invitation.rootFingerprint()).hasSize(32);
        assertThat(invitation.toString()).doesNotContain("K7QM");
    }

    @Test
    void refusesWhatCannotBeTrusted() {
        assertThatThrownBy(() -> EnrolmentInvitation.parse("http://fleet/enrol?code=A&ca=" + PIN))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> EnrolmentInvitation.parse("https://fleet/enrol?code=A"))
                .hasMessageContaining("CA fingerprint");
        assertThatThrownBy(() -> EnrolmentInvitation.parse("https://fleet/enrol?ca=" + PIN))
                .hasMessageContaining("no code");
        assertThatThrownBy(() -> EnrolmentInvitation.parse("https://fleet/enrol?code=A&ca=AAAA"))
                .hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> EnrolmentInvitation.parse(" ")).hasMessageContaining("empty");
    }
}
