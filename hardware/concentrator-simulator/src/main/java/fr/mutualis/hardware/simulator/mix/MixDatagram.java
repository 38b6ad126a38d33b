package fr.mutualis.hardware.simulator.mix;

import java.util.List;

/**
 * One UDP datagram of a traffic mix, exactly as it is sent.
 *
 * @param seq               position in sending order
 * @param token             GWMP token (for a datagram too short to hold one: what its bytes would say, or -1)
 * @param version           protocol version byte written (1 or 2; something else for {@code unknown-version})
 * @param category          {@link Category#PUSH_DATA} or {@link Category#MALFORMED_DATAGRAM}
 * @param expected          null for a well-formed PUSH_DATA, else the GWMP rejection it must cause
 * @param chainedToPrevious sent right after the previous datagram, without waiting for its PUSH_ACK,
 *                          because it carries a copy of a frame from that one (the copy must arrive
 *                          within 50 ms)
 * @param withStat          carries a {@code stat} object besides its rxpk entries
 * @param frames            its rxpk entries (empty for a malformed datagram: nothing in it reaches the pipeline)
 * @param bytes             the datagram
 */
public record MixDatagram(int seq, int token, int version, Category category, ExpectedOutcome expected,
                          boolean chainedToPrevious, boolean withStat, List<MixFrame> frames, byte[] bytes) {

    public MixDatagram {
        frames = List.copyOf(frames);
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether a gateway should answer it with a PUSH_ACK (well-formed PUSH_DATA). */
    public boolean expectsPushAck() {
        return expected == null;
    }
}
