package fr.mutualis.gateway.api;

import fr.mutualis.contract.UpdateStatus;

/** Sends an {@link UpdateStatus} to the fleet (the gateway's {@code updatestate} channel). */
public interface UpdateStatusSender {

    /** Publishes at QoS 1 and waits for the broker's acknowledgement; throws when not connected or refused. */
    void sendUpdateStatus(UpdateStatus status) throws UplinkException;
}
