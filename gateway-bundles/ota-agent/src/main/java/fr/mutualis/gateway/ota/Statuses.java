package fr.mutualis.gateway.ota;

import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import java.time.Clock;

/** Builds the statuses of one gateway, all naming the release it runs as it sends them. */
final class Statuses {

    private final String gatewayId;
    private final String commune;
    private final String runningRelease;
    private final Clock clock;

    Statuses(String gatewayId, String commune, String runningRelease, Clock clock) {
        this.gatewayId = gatewayId;
        this.commune = commune;
        this.runningRelease = runningRelease;
        this.clock = clock;
    }

    UpdateStatus step(UpdateOrder order, UpdateStatus.Step step) {
        return of(order.campaign(), order.release(), step, null, null);
    }

    UpdateStatus downloading(UpdateOrder order, int percent) {
        return of(order.campaign(), order.release(), UpdateStatus.Step.DOWNLOADING, percent, null);
    }

    UpdateStatus ended(UpdateOrder order, UpdateStatus.Step step, String reason) {
        return of(order.campaign(), order.release(), step, null, reason);
    }

    UpdateStatus of(String campaign, String release, UpdateStatus.Step step, Integer percent, String reason) {
        return new UpdateStatus(UpdateStatus.VERSION, gatewayId, commune, campaign, release, step, percent, reason,
                runningRelease, clock.instant());
    }

    String runningRelease() {
        return runningRelease;
    }
}
