package fr.mutualis.fleet.alert;

/** What an alert is about; at most one alert of each kind is open per gateway. */
public enum AlertKind {
    /** OFFLINE for longer than {@code mutualis.alerts.offline-after}. */
    OFFLINE,
    /** STALE: connected according to its latest birth, but silent. */
    STALE,
    /** The store-and-forward backlog grows report after report, or its oldest reading is too old. */
    BACKLOG,
    /** Less than {@code mutualis.alerts.disk-free-below-percent} of the data file system is free. */
    DISK_NEARLY_FULL
}
