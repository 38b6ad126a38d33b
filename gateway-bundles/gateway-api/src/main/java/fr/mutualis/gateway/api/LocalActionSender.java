package fr.mutualis.gateway.api;

import fr.mutualis.contract.LocalActionBatch;

/** Sends local actions to the fleet (the gateway's {@code actions} channel). */
public interface LocalActionSender {

    /**
     * Publishes at QoS 1 and waits for the broker's acknowledgement; throws when not connected or
     * refused, in which case the caller keeps the actions and sends them again later.
     */
    void sendLocalActions(LocalActionBatch batch) throws UplinkException;
}
