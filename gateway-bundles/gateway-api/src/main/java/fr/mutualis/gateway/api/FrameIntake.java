package fr.mutualis.gateway.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands received frames. When the returned future completes normally the frames are
 * <em>accepted</em>: from then on the gateway owns them, and ingest may acknowledge them to the
 * concentrator. The strength of that promise is the implementation's, and documented there; the
 * store-and-forward journal makes it "written and fsync'd: survives kill -9 and power loss".
 */
public interface FrameIntake {

    /**
     * Accepts all of the frames or none of them. Never blocks on the disk: the future completes
     * when the frames are accepted, or exceptionally with an {@link IntakeRefusedException} when
     * nothing was accepted (full, stopping, disk error), in which case the caller must not
     * acknowledge the frames.
     */
    CompletableFuture<Void> accept(List<ReceivedFrame> frames);
}
