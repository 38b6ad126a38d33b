package fr.mutualis.gateway.autonomy.status;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.hardware.io.StatusPattern;
import org.junit.jupiter.api.Test;

class AgentStatusTest {

    @Test
    void aFailedComponentNeedsATechnicianWhateverTheLinkDoes() {
        assertThat(AgentStatus.of(true, true, true, true)).isEqualTo(StatusPattern.ERROR);
        assertThat(AgentStatus.of(true, false, false, false)).isEqualTo(StatusPattern.ERROR);
    }

    @Test
    void theLinkDecidesTheRest() {
        assertThat(AgentStatus.of(false, false, false, false)).as("no identity, no uplink yet").isEqualTo(StatusPattern.BOOTING);
        assertThat(AgentStatus.of(false, true, false, false)).as("never reached the fleet").isEqualTo(StatusPattern.ENROLLED);
        assertThat(AgentStatus.of(false, true, true, true)).isEqualTo(StatusPattern.ONLINE);
        assertThat(AgentStatus.of(false, true, false, true)).as("lost the fleet, buffering").isEqualTo(StatusPattern.OFFLINE_BUFFERING);
    }
}
