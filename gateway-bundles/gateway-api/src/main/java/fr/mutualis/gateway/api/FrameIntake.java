package fr.mutualis.gateway.api;

import java.util.List;

/**
 * Where ingest hands received frames. A successful return means the frames are <em>accepted</em>:
 * from then on the gateway owns them, and ingest may acknowledge them to the concentrator.
 * The strength of that promise is the implementation's, and documented there; the durable
 * journal makes it "survives kill -9 and power loss".
 */
public interface FrameIntake {

    /**
     * Accepts all of the frames or none of them.
     *
     * @throws IntakeRefusedException when nothing was accepted (full, stopping, disk error);
     *                                the caller must not acknowledge the frames
     */
    void accept(List<ReceivedFrame> frames) throws IntakeRefusedException;
}
