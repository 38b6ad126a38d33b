/**
 * LoRaWAN frames as the gateway sees them: {@link PhyPayload#parse} validates a PHYPayload
 * (LoRaWAN 1.0.x and 1.1 framing) without any key and without copying it, so that the ingest
 * pipeline can filter and deduplicate on DevAddr, FCnt, EUIs and MIC at radio speed;
 * {@link NetId}, {@link DevAddrs}, {@link DevAddrPrefix} and {@link EuiRange} are the values of
 * the allow and deny lists; {@link LoRaWanCrypto} checks MICs and decrypts payloads (LoRaWAN
 * 1.0.x) for the few devices whose session keys the syndicate configures on the gateway.
 *
 * <p>Byte order: LoRaWAN transmits every multi-octet field little-endian. Every numeric accessor
 * here returns the value a human reads in a network server's console, i.e. the on-air bytes
 * reversed (DevAddr {@code 04 03 02 01} on air is {@code 0x01020304}); the MIC, which is a byte
 * string rather than a number, is the exception and keeps the on-air order (see
 * {@link PhyPayload#mic()}).
 */
@Export
@Version("1.0.0")
package fr.mutualis.gateway.lorawan;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
