package fr.mutualis.gateway.decoding;

/**
 * Whiteboard service told about every decoded uplink (autonomy rules, the local console). Called
 * from the decoding thread, in reception order per device; implementations must not block long
 * and must not throw.
 */
public interface DecodedUplinkListener {

    void decoded(DecodedUplink uplink);
}
