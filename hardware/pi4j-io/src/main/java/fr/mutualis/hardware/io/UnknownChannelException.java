package fr.mutualis.hardware.io;

/** A channel name that is not in the configured pin map: a rule or console naming a circuit that is not wired. */
public class UnknownChannelException extends IllegalArgumentException {

    public UnknownChannelException(String channel, java.util.Set<String> known) {
        super("no channel '" + channel + "' in the pin map; configured: " + known);
    }
}
