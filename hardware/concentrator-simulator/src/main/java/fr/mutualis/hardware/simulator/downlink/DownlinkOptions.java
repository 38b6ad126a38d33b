package fr.mutualis.hardware.simulator.downlink;

import fr.mutualis.hardware.simulator.gwmp.ConcentratorClock;
import java.time.Duration;

/**
 * How the simulated forwarder's downstream side behaves.
 *
 * @param keepAlive       PULL_DATA period (Semtech's {@code keepalive_interval}, usually 10 s); the first goes at start
 * @param protocolVersion 2 (PULL_RESP token echoed in TX_ACK) or 1 (no TX_ACK exists)
 * @param txAckPolicy     what to answer to a valid txpk
 * @param txAckStyle      how to word the answer
 * @param clock           the concentrator counter the timing checks use; null for the owner's clock
 */
public record DownlinkOptions(Duration keepAlive, int protocolVersion, TxAckPolicy txAckPolicy, TxAckStyle txAckStyle,
                              ConcentratorClock clock) {

    public DownlinkOptions {
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("the keep-alive period must be positive");
        }
        if (protocolVersion != 1 && protocolVersion != 2) {
            throw new IllegalArgumentException("protocol version 1 or 2");
        }
    }

    /** Every 10 s, protocol v2, realistic answers in Semtech's wording. */
    public static DownlinkOptions defaults() {
        return new DownlinkOptions(Duration.ofSeconds(10), 2, TxAckPolicy.realistic(), TxAckStyle.SEMTECH, null);
    }

    public DownlinkOptions withKeepAlive(Duration value) {
        return new DownlinkOptions(value, protocolVersion, txAckPolicy, txAckStyle, clock);
    }

    public DownlinkOptions withProtocolVersion(int value) {
        return new DownlinkOptions(keepAlive, value, txAckPolicy, txAckStyle, clock);
    }

    public DownlinkOptions withTxAckPolicy(TxAckPolicy value) {
        return new DownlinkOptions(keepAlive, protocolVersion, value, txAckStyle, clock);
    }

    public DownlinkOptions withTxAckStyle(TxAckStyle value) {
        return new DownlinkOptions(keepAlive, protocolVersion, txAckPolicy, value, clock);
    }

    public DownlinkOptions withClock(ConcentratorClock value) {
        return new DownlinkOptions(keepAlive, protocolVersion, txAckPolicy, txAckStyle, value);
    }
}
