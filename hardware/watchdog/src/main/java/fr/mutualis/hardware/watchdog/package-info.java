/**
 * The agent's side of the hardware watchdog: components that prove the agent works call
 * {@link fr.mutualis.hardware.watchdog.AgentHeartbeat#beat()}; without beats the watchdog is no
 * longer kicked and the board resets.
 */
@Export
@Version("1.0.0")
package fr.mutualis.hardware.watchdog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
