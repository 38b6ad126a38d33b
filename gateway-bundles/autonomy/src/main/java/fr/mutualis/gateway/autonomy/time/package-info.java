/**
 * How much the gateway can trust its own clock without network time: the input of the lighting
 * rule's fail-lit fallback ({@link fr.mutualis.gateway.autonomy.lighting.ClockQuality}).
 */
@Export
@Version("1.0.0")
package fr.mutualis.gateway.autonomy.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
