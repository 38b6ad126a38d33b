/** The status LED driven by the agent's own state. */
package fr.mutualis.gateway.autonomy.status;
