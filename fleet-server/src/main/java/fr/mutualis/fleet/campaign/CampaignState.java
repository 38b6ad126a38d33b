package fr.mutualis.fleet.campaign;

/** A campaign's life: it starts RUNNING and ends HALTED (by its failure threshold), CANCELLED or COMPLETED. */
public enum CampaignState {
    RUNNING, PAUSED, HALTED, CANCELLED, COMPLETED;

    boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }
}
