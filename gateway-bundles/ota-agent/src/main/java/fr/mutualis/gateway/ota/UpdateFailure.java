package fr.mutualis.gateway.ota;

import fr.mutualis.contract.UpdateStatus;

/** Ends an update with a final step and the reason reported to the fleet (REFUSED or FAILED). */
final class UpdateFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final UpdateStatus.Step step;

    private UpdateFailure(UpdateStatus.Step step, String reason, Throwable cause) {
        super(reason, cause);
        this.step = step;
    }

    static UpdateFailure refused(String reason) {
        return new UpdateFailure(UpdateStatus.Step.REFUSED, reason, null);
    }

    static UpdateFailure failed(String reason, Throwable cause) {
        return new UpdateFailure(UpdateStatus.Step.FAILED, reason, cause);
    }

    UpdateStatus.Step step() {
        return step;
    }
}
