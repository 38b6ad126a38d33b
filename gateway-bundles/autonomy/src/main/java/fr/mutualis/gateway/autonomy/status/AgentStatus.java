package fr.mutualis.gateway.autonomy.status;

import fr.mutualis.hardware.io.StatusPattern;

/**
 * What the status LED says, from what the agent knows of itself. The order matters: a component
 * that failed needs a technician whatever the link does; a gateway buffering offline is working
 * (the technician can leave); one that never reached the fleet since it started may have a
 * network or identity problem.
 */
public final class AgentStatus {

    private AgentStatus() {
    }

    /**
     * @param componentFailed a component of the agent failed to activate
     * @param uplinkPresent   the uplink is configured and running (the gateway has its identity)
     * @param connected       the uplink is connected to the fleet's broker now
     * @param everConnected   the uplink has been connected since the agent started
     */
    public static StatusPattern of(boolean componentFailed, boolean uplinkPresent, boolean connected,
                                   boolean everConnected) {
        if (componentFailed) {
            return StatusPattern.ERROR;
        }
        if (!uplinkPresent) {
            return StatusPattern.BOOTING;
        }
        if (connected) {
            return StatusPattern.ONLINE;
        }
        return everConnected ? StatusPattern.OFFLINE_BUFFERING : StatusPattern.ENROLLED;
    }
}
