package fr.mutualis.gateway.api;

import java.util.Map;

/**
 * Whiteboard service: a component's counters and gauges for the health report. Names are dotted
 * and lower-case and start with the component's own prefix, e.g. {@code ingest.gwmp.frames.accepted}.
 */
public interface MetricsSource {

    /** A consistent-enough snapshot; called from the health reporter's thread. */
    Map<String, Number> metrics();
}
