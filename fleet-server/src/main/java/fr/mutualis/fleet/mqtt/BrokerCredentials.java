package fr.mutualis.fleet.mqtt;

/** The credentials the fleet's MQTT client presents, and that the embedded broker checks. */
public record BrokerCredentials(String clientId, String username, String password) {

    @Override
    public String toString() {
        return "BrokerCredentials[clientId=" + clientId + ", username=" + username + ", password=***]";
    }
}
