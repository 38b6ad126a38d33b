/**
 * The message contract between gateways and the fleet server: MQTT topics and versioned JSON
 * envelopes. This package is the only code both sides share; see {@code docs/protocol.md}.
 */
@Export
@Version("2.3.0")
package fr.mutualis.contract;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
