package fr.mutualis.fleet.gateway;

import static fr.mutualis.fleet.gateway.PresenceRules.OFFLINE;
import static fr.mutualis.fleet.gateway.PresenceRules.ONLINE;
import static fr.mutualis.fleet.gateway.PresenceRules.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.gateway.PresenceRules.Change;
import fr.mutualis.fleet.gateway.PresenceRules.Ignore;
import fr.mutualis.fleet.gateway.PresenceRules.SessionKnowledge;
import fr.mutualis.fleet.gateway.PresenceRules.Unchanged;
import org.junit.jupiter.api.Test;

class PresenceRulesTest {

    @Test
    void aBirthOfANewSessionBringsTheGatewayOnlineFromAnyState() {
        assertThat(PresenceRules.onBirth(null, "s1", SessionKnowledge.UNKNOWN)).isEqualTo(new Change(ONLINE, "birth"));
        assertThat(PresenceRules.onBirth("s1", "s2", SessionKnowledge.UNKNOWN)).isEqualTo(new Change(ONLINE, "birth"));
    }

    @Test
    void repeatedAndLateBirthsChangeNothing() {
        assertThat(PresenceRules.onBirth("s2", "s2", SessionKnowledge.OPEN)).isEqualTo(new Ignore("duplicate-birth"));
        assertThat(PresenceRules.onBirth("s2", "s1", SessionKnowledge.OPEN))
                .isEqualTo(new Ignore("late-birth-of-older-session"));
        assertThat(PresenceRules.onBirth("s2", "s1", SessionKnowledge.ENDED))
                .isEqualTo(new Ignore("late-birth-of-ended-session"));
        // the current session died: its birth, delivered again, must not revive the gateway
        assertThat(PresenceRules.onBirth("s2", "s2", SessionKnowledge.ENDED))
                .isEqualTo(new Ignore("late-birth-of-ended-session"));
    }

    @Test
    void onlyTheDeathOfTheCurrentSessionTakesTheGatewayOffline() {
        assertThat(PresenceRules.onDeath(ONLINE, "s2", "s2", "connection-lost"))
                .isEqualTo(new Change(OFFLINE, "connection-lost"));
        assertThat(PresenceRules.onDeath(STALE, "s2", "s2", "shutdown")).isEqualTo(new Change(OFFLINE, "shutdown"));
        assertThat(PresenceRules.onDeath(ONLINE, "s2", "s1", "connection-lost"))
                .isEqualTo(new Ignore("death-of-another-session"));
        assertThat(PresenceRules.onDeath(OFFLINE, "s2", "s2", "connection-lost")).isEqualTo(new Ignore("duplicate-death"));
        assertThat(PresenceRules.onDeath(null, null, "s1", "shutdown")).isEqualTo(new Ignore("death-of-unknown-gateway"));
    }

    @Test
    void aMessageOfTheCurrentConnectionBringsAStaleGatewayBackButNeverAnOfflineOne() {
        assertThat(PresenceRules.onActivity(STALE, "s2", "s2")).isEqualTo(new Change(ONLINE, "activity"));
        assertThat(PresenceRules.onActivity(STALE, "s2", null)).isEqualTo(new Change(ONLINE, "activity"));
        assertThat(PresenceRules.onActivity(STALE, "s2", "s1")).isEqualTo(new Unchanged());
        assertThat(PresenceRules.onActivity(OFFLINE, "s2", "s2")).isEqualTo(new Unchanged());
        assertThat(PresenceRules.onActivity(ONLINE, "s2", "s2")).isEqualTo(new Unchanged());
    }
}
