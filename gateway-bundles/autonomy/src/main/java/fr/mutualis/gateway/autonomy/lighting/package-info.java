/**
 * Lighting schedules per circuit: sunset/sunrise with offsets, a wall-clock night cut-off and
 * special nights, evaluated locally by {@link fr.mutualis.gateway.autonomy.lighting.LightingSchedule}
 * into an {@link fr.mutualis.gateway.autonomy.lighting.OutputState} and the reason for it. When the
 * clock is uncertain the rule fails lit (see {@code LightingSchedule}).
 */
@Export
@Version("1.0.0")
package fr.mutualis.gateway.autonomy.lighting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
