package fr.mutualis.hardware.simulator;

import fr.mutualis.hardware.simulator.downlink.DownlinkOptions;
import fr.mutualis.hardware.simulator.downlink.TxAckPolicy;
import fr.mutualis.hardware.simulator.downlink.TxAckStyle;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The command-line options of the simulated forwarder's downstream side. */
final class DownlinkCliOptions {

    @Option(names = "--pull-interval", defaultValue = "10",
            description = "Seconds between PULL_DATA keep-alives, 0 for no downstream side (default ${DEFAULT-VALUE}).")
    int pullIntervalSeconds;

    @Option(names = "--tx-ack", defaultValue = "realistic",
            description = "TX_ACK answer: realistic (frequency, power, GPS, timing and collision checks) or a fixed "
                    + "error: NONE, TOO_LATE, TOO_EARLY, COLLISION_PACKET, COLLISION_BEACON, TX_FREQ, TX_POWER, "
                    + "GPS_UNLOCKED (default ${DEFAULT-VALUE}).")
    String txAck;

    @Option(names = "--tx-ack-style", defaultValue = "SEMTECH",
            description = "SEMTECH (\"error\":\"NONE\" on success) or SX1302 (no JSON on success, TX_POWER as warning) "
                    + "(default ${DEFAULT-VALUE}).")
    TxAckStyle txAckStyle;

    boolean enabled() {
        return pullIntervalSeconds > 0;
    }

    DownlinkOptions options() {
        return DownlinkOptions.defaults().withKeepAlive(Duration.ofSeconds(pullIntervalSeconds))
                .withTxAckPolicy(TxAckPolicy.parse(txAck)).withTxAckStyle(txAckStyle);
    }
}
