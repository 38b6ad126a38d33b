package fr.mutualis.gateway.ota;

import fr.mutualis.contract.UpdateOrder;
import java.util.Optional;

/**
 * What to do with an order handed by the uplink — which hands the retained order again at every
 * connection, so most of the time the answer is "nothing new".
 */
final class OrderTriage {

    enum Action {
        /** A release is on trial: it is judged first, new orders wait until it is kept or reverted. */
        WAIT_FOR_TRIAL,
        /** This campaign already reached a final step here: never run it again. */
        ALREADY_FINISHED,
        /** This campaign is being worked on right now. */
        ALREADY_RUNNING,
        /** Another campaign is installing and cannot be stopped any more. */
        BUSY_INSTALLING,
        /** Start (or resume, after a restart) this campaign, cancelling another one still downloading. */
        START
    }

    private OrderTriage() {
    }

    /**
     * @param runningJob       the campaign of the job in progress, if any
     * @param runningCancellable whether that job can still be stopped (it has not started installing)
     */
    static Action triage(UpdateOrder order, boolean onTrial, Optional<CampaignRecord> latest, Optional<String> runningJob,
                         boolean runningCancellable) {
        if (onTrial) {
            return Action.WAIT_FOR_TRIAL;
        }
        if (latest.filter(record -> record.isFor(order.campaign()) && record.finished()).isPresent()) {
            return Action.ALREADY_FINISHED;
        }
        if (runningJob.filter(order.campaign()::equals).isPresent()) {
            return Action.ALREADY_RUNNING;
        }
        if (runningJob.isPresent() && !runningCancellable) {
            return Action.BUSY_INSTALLING;
        }
        return Action.START;
    }
}
