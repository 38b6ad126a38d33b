/**
 * The seams between gateway bundles. Ingest hands frames to a {@link FrameIntake} (the filter
 * pipeline), which drops, deduplicates and classifies them and passes the survivors to the
 * {@link ReadingStore} (the durable journal), which numbers and keeps them and forwards them
 * through an {@link UplinkTransport}. Downlinks from the fleet reach the concentrator through a
 * {@link DownlinkTransmitter}; local consumers learn of stored frames as {@link StoredFrameListener}s.
 * Components that want their counters in the health report register a {@link MetricsSource}.
 * The fleet's desired configuration reaches {@link DesiredConfigurationListener}s, and the
 * gateway's configuration report goes back through a {@link ConfigurationReportSender}. Update
 * orders reach {@link UpdateOrderListener}s and their progress goes back through an
 * {@link UpdateStatusSender}; what the gateway did on its own goes through a {@link LocalActionSender}.
 */
@Export
@Version("3.2.0")
package fr.mutualis.gateway.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
