package fr.mutualis.gateway.api;

import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.DownlinkRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Hands downlinks to the concentrator. The future always completes normally, with the outcome:
 * the forwarder's TX_ACK code, or the agent's own verdict (invalid, no forwarder, no answer).
 */
public interface DownlinkTransmitter {

    CompletableFuture<DownlinkResult> transmit(DownlinkRequest request);
}
