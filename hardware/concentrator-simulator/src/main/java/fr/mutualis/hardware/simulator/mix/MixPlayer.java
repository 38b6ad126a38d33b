package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.ConcentratorSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sends a {@link TrafficMix} through a {@link ConcentratorSimulator}, each datagram once, as
 * Semtech's forwarder does: no retransmission, so that the gateway sees exactly the ground truth.
 * After each datagram it waits (up to the acknowledgement timeout) for its PUSH_ACK, except that
 * a datagram chained to the previous one (it carries a copy of a frame from it) leaves right away,
 * so that both copies reach the gateway within 50 ms.
 *
 * <p>For the rate-limit expectations to hold exactly, the whole mix must be played within
 * {@code ratePeriod / rateLimitFrames} of its policy (six minutes with the defaults).
 */
public final class MixPlayer {

    /**
     * @param pause      between datagrams (not within a chain), on top of the wait for the PUSH_ACK
     * @param ackTimeout how long to wait for each PUSH_ACK
     */
    public record Options(Duration pause, Duration ackTimeout) {
        public static Options defaults() {
            return new Options(Duration.ZERO, Duration.ofMillis(200));
        }
    }

    /**
     * @param datagramsSent         all datagrams, malformed ones included
     * @param pushAcksExpected      well-formed PUSH_DATA datagrams
     * @param unacknowledgedTokens  tokens of well-formed datagrams whose PUSH_ACK did not come in time
     */
    public record Report(int datagramsSent, int pushAcksExpected, List<Integer> unacknowledgedTokens) {
        public boolean allAcknowledged() {
            return unacknowledgedTokens.isEmpty();
        }
    }

    private final ConcentratorSimulator simulator;
    private final Options options;

    public MixPlayer(ConcentratorSimulator simulator) {
        this(simulator, Options.defaults());
    }

    public MixPlayer(ConcentratorSimulator simulator, Options options) {
        this.simulator = simulator;
        this.options = options;
    }

    public Report play(TrafficMix mix) throws IOException, InterruptedException {
        if (mix.config().gatewayEui() != simulator.gatewayEui()) {
            throw new IllegalArgumentException(String.format("the mix was built for gateway EUI %016X, the simulator is %016X",
                    mix.config().gatewayEui(), simulator.gatewayEui()));
        }
        List<MixDatagram> datagrams = mix.datagrams();
        List<Integer> unacknowledged = new ArrayList<>();
        int expected = 0;
        int i = 0;
        while (i < datagrams.size()) {
            int end = i + 1;
            while (end < datagrams.size() && datagrams.get(end).chainedToPrevious()) {
                end++;
            }
            List<Integer> waiting = new ArrayList<>();
            for (MixDatagram datagram : datagrams.subList(i, end)) {
                simulator.sendRaw(datagram.bytes());
                datagram.frames().forEach(frame -> simulator.clock().observe(frame.tmst()));
                if (datagram.expectsPushAck()) {
                    waiting.add(datagram.token());
                }
            }
            expected += waiting.size();
            if (!waiting.isEmpty()) {
                Set<Integer> acknowledged = simulator.awaitPushAcks(waiting, options.ackTimeout());
                waiting.stream().filter(token -> !acknowledged.contains(token)).forEach(unacknowledged::add);
            }
            i = end;
            if (i < datagrams.size() && !options.pause().isZero()) {
                Thread.sleep(options.pause().toMillis());
            }
        }
        return new Report(datagrams.size(), expected, List.copyOf(unacknowledged));
    }
}
