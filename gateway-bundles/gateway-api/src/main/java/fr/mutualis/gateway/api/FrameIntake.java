package fr.mutualis.gateway.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands received frames. When the returned future completes normally the frames are
 * <em>accepted</em>: each one was either stored durably or deliberately dropped by a configured,
 * counted filter (bad CRC, foreign network, duplicate...), and ingest may acknowledge them to the
 * concentrator. The filter pipeline implements it in front of the {@link ReadingStore}, whose
 * journal makes "stored" mean "written and fsync'd: survives kill -9 and power loss".
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
