/**
 * The gateway's wired I/O as the rest of the agent sees it, without Pi4J types: switched outputs,
 * contact inputs with a listener whiteboard, and the status LED.
 */
@Export
@Version("1.0.0")
package fr.mutualis.hardware.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
