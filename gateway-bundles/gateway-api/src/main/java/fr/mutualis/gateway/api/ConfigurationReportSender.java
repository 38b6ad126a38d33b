package fr.mutualis.gateway.api;

import fr.mutualis.contract.ConfigurationReport;

/** Sends the gateway's {@link ConfigurationReport} to the fleet (its {@code configstate} channel). */
public interface ConfigurationReportSender {

    /** Publishes at QoS 1 and waits for the broker's acknowledgement; throws when not connected or refused. */
    void sendConfigurationReport(ConfigurationReport report) throws UplinkException;
}
