package fr.mutualis.contract;

/** Delivery lane of a reading: alarms are never stuck behind a backlog of bulk data. */
public enum Priority {
    ALARM, NORMAL, BULK
}
