package fr.mutualis.gateway.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable store behind the filter pipeline: keeps frames that passed the filters, each in
 * its priority lane, until the fleet has them.
 */
public interface ReadingStore {

    /**
     * Stores all of the frames or none of them. Never blocks on the disk: the future completes
     * when the frames are durable (the implementation documents how durable), or exceptionally
     * with an {@link IntakeRefusedException} when nothing was stored.
     */
    CompletableFuture<Void> store(List<ClassifiedFrame> frames);
}
