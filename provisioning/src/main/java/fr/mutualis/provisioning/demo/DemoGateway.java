package fr.mutualis.provisioning.demo;

import java.util.List;

/** One simulated commune installation of the demo. */
record DemoGateway(String gatewayId, String commune, String communeName, int gwmpPort, long trafficSeed, int devices) {

    /** Three communes of Brittany, each with one gateway fed by its own simulated concentrator. */
    static List<DemoGateway> defaults(int firstGwmpPort) {
        return List.of(
                new DemoGateway("gw-rennes-mairie", "35238", "Rennes", firstGwmpPort, 1, 12),
                new DemoGateway("gw-brest-port", "29019", "Brest", firstGwmpPort + 1, 2, 8),
                new DemoGateway("gw-quimper-cathedrale", "29232", "Quimper", firstGwmpPort + 2, 3, 5));
    }
}
