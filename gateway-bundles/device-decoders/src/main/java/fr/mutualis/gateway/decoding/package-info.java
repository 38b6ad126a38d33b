/**
 * The payload-decoder seam. Once the gateway has decrypted a device's FRMPayload, the
 * {@link fr.mutualis.gateway.decoding.PayloadDecoder} configured for that device's class turns the
 * bytes into a {@link fr.mutualis.gateway.decoding.DecodedPayload} of typed values (units in the
 * key names), so that local rules can act during a backhaul cut: switch the lighting, raise a leak
 * alarm. The {@link fr.mutualis.gateway.decoding.DecoderRegistry} maps the configured class name to
 * its decoder. A frame that does not follow the documented format is rejected with a
 * {@link fr.mutualis.gateway.decoding.PayloadDecodingException} whose reason is a counter label;
 * decoding never throws anything else for any byte array and any fPort.
 */
@Export
@Version("1.1.0")
package fr.mutualis.gateway.decoding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
