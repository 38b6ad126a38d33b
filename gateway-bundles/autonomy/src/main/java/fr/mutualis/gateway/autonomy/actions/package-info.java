/**
 * The gateway's local record of its own actions, appended durably and read back by the console
 * (and, later, by the report to the fleet).
 */
@Export
@Version("1.0.0")
package fr.mutualis.gateway.autonomy.actions;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
