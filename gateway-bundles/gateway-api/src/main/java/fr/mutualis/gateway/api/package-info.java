/**
 * The seams between gateway bundles. Ingest hands frames to a {@link FrameIntake}; whatever
 * implements it (today the forwarding queue, later the filter pipeline in front of the durable
 * journal) numbers and keeps them, and forwards them through an {@link UplinkTransport}.
 * Components that want their counters in the health report register a {@link MetricsSource}.
 */
@Export
@Version("2.0.0")
package fr.mutualis.gateway.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
