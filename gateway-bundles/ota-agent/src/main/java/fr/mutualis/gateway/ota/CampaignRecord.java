package fr.mutualis.gateway.ota;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;

/**
 * The campaign this gateway worked on last: the order, its latest status, and whether the fleet's
 * broker acknowledged that status. Survives restarts, so that an interrupted update resumes, a
 * finished one is never started again, and a status sent while offline is sent when back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CampaignRecord(UpdateOrder order, UpdateStatus status, boolean acknowledged) {

    boolean finished() {
        return status != null && status.step().isFinal();
    }

    boolean isFor(String campaign) {
        return order != null && order.campaign().equals(campaign);
    }
}
