/** Watching the packet forwarder and resetting the concentrator when it falls silent. */
package fr.mutualis.gateway.autonomy.concentrator;
