package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.contract.UpdateStatus;
import org.junit.jupiter.api.Test;

class ReleaseAdmissionTest {

    @Test
    void newerInstallsSameIsAlreadyRunning() throws Exception {
        assertThat(ReleaseAdmission.decide("1.2.0", "1.1.9", false)).isEqualTo(ReleaseAdmission.Decision.INSTALL);
        assertThat(ReleaseAdmission.decide("1.2", "1.2.0", false)).isEqualTo(ReleaseAdmission.Decision.ALREADY_RUNNING);
    }

    @Test
    void olderIsRefusedUnlessExplicitlyAllowed() throws Exception {
        assertThatThrownBy(() -> ReleaseAdmission.decide("1.0.0", "1.1.0", false))
                .isInstanceOfSatisfying(UpdateFailure.class, f -> assertThat(f.step()).isEqualTo(UpdateStatus.Step.REFUSED))
                .hasMessage("release 1.0.0 is older than the running release 1.1.0 (anti-rollback; an operator must explicitly allow a downgrade)");
        assertThat(ReleaseAdmission.decide("1.0.0", "1.1.0", true)).isEqualTo(ReleaseAdmission.Decision.INSTALL);
    }

    @Test
    void unknownOrMalformedVersionsAreRefused() {
        assertThatThrownBy(() -> ReleaseAdmission.decide("latest", "1.1.0", false)).hasMessageStartingWith("the order's release:");
        assertThatThrownBy(() -> ReleaseAdmission.decide("1.2.0", null, false)).hasMessageContaining("is unknown");
    }
}
