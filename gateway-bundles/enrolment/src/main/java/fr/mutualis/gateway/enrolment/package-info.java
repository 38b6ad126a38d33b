/**
 * How a gateway obtains its identity: a key pair generated on the device, a CSR, a single-use
 * enrolment code, and a fleet whose root CA is pinned by the invitation. Used by the agent on
 * first boot and by the {@code mutualis enrol} command for a gateway without a console.
 */
@Version("1.0.0")
@Export
package fr.mutualis.gateway.enrolment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
