package fr.mutualis.gateway.api;

import fr.mutualis.contract.UpdateOrder;
import java.util.Optional;

/**
 * Whiteboard service told of the update order the fleet publishes (retained) on the gateway's
 * {@code update} channel: at every connection, and whenever it changes. A listener registered
 * after the message arrived is handed the latest one on registration.
 */
public interface UpdateOrderListener {

    /**
     * Called on the uplink's thread: must return quickly, and must tolerate the same order again.
     * An empty value means the fleet withdrew the order (campaign cancelled).
     */
    void updateOrderReceived(Optional<UpdateOrder> order);
}
