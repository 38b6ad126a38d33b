package fr.mutualis.gateway.autonomy.lighting;

/** What a lighting circuit's contactor should be. */
public enum OutputState {
    ON,
    OFF
}
