/**
 * The astronomical clock: sunrise, sunset and civil twilight for a site's coordinates and time
 * zone, computed locally (no network) with the NOAA/Meeus solar position. Polar days are explicit
 * ({@link fr.mutualis.gateway.autonomy.sun.SunCrossings.Kind}) rather than missing values.
 */
@Export
@Version("1.0.0")
package fr.mutualis.gateway.autonomy.sun;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
