package fr.mutualis.gateway.api;

import fr.mutualis.contract.DesiredConfiguration;

/**
 * Whiteboard service told of the desired configuration the fleet publishes (retained) on the
 * gateway's {@code config} channel: at every connection, and whenever a new version is pushed.
 * A listener registered after the message arrived is handed the latest one on registration.
 */
public interface DesiredConfigurationListener {

    /** Called on the uplink's thread: must return quickly, and must tolerate the same version again. */
    void desiredConfigurationReceived(DesiredConfiguration desired);
}
