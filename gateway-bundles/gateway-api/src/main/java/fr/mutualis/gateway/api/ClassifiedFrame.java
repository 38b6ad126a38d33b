package fr.mutualis.gateway.api;

import fr.mutualis.contract.Priority;
import java.util.Objects;

/** A received frame that passed the filters, with the lane the priority rules chose for it. */
public record ClassifiedFrame(ReceivedFrame frame, Priority priority) {

    public ClassifiedFrame {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(priority, "priority");
    }
}
