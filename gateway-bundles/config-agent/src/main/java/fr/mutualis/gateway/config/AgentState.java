package fr.mutualis.gateway.config;

import fr.mutualis.contract.ConfigurationOutcome;
import java.util.Map;

/**
 * What the agent remembers across restarts: the desired document it last committed (its version
 * and the properties it manages, needed to know which ones a newer document stops managing) and
 * what became of the latest version received.
 */
record AgentState(long appliedVersion, Map<String, Map<String, Object>> applied, long attemptedVersion,
                  ConfigurationOutcome outcome, String error) {

    static final AgentState INITIAL = new AgentState(0, Map.of(), 0, ConfigurationOutcome.NONE, null);

    AgentState {
        applied = applied == null ? Map.of() : applied;
        outcome = outcome == null ? ConfigurationOutcome.NONE : outcome;
    }

    AgentState attempt(long version, ConfigurationOutcome newOutcome, String newError) {
        return new AgentState(appliedVersion, applied, version, newOutcome, newError);
    }

    AgentState committed(long version, Map<String, Map<String, Object>> components) {
        return new AgentState(version, components, version, ConfigurationOutcome.APPLIED, null);
    }
}
