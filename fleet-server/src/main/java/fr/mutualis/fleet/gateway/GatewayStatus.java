package fr.mutualis.fleet.gateway;

/** Presence of a gateway as the fleet last saw it. */
public enum GatewayStatus {
    /** its current MQTT session announced itself (birth) and has not died */
    ONLINE,
    /** connected as far as the broker knows, but silent for longer than the stale window */
    STALE,
    /** shut down cleanly, lost its connection (last will), or never seen born */
    OFFLINE
}
