package fr.mutualis.hardware.simulator.mix;

import java.util.List;

/**
 * A reproducible sequence of GWMP datagrams mixing every kind of traffic a gateway's filter
 * pipeline must handle, each rxpk entry labelled with its {@link ExpectedOutcome} under a
 * {@link MixPolicy}. The same configuration (seed included) always gives the same bytes.
 *
 * <p>Play it with {@link MixPlayer}; compare the gateway's results with {@link #groundTruth()}.
 */
public final class TrafficMix {

    private final MixConfig config;
    private final MixPolicy policy;
    private final List<MixDatagram> datagrams;
    private final GroundTruth groundTruth;

    TrafficMix(MixConfig config, MixPolicy policy, List<MixDatagram> datagrams, GroundTruth groundTruth) {
        this.config = config;
        this.policy = policy;
        this.datagrams = List.copyOf(datagrams);
        this.groundTruth = groundTruth;
    }

    /**
     * @throws IllegalArgumentException if the configuration cannot keep its promises under the
     *                                  policy (e.g. ordinary devices would reach the rate limit)
     */
    public static TrafficMix generate(MixConfig config, MixPolicy policy) {
        return new MixGenerator(config, policy).generate();
    }

    public MixConfig config() {
        return config;
    }

    public MixPolicy policy() {
        return policy;
    }

    /** In sending order. */
    public List<MixDatagram> datagrams() {
        return datagrams;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }
}
