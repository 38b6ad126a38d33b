package fr.mutualis.provisioning.demo;

import java.util.List;

/** One simulated commune installation of the demo. */
record DemoGateway(String gatewayId, String commune, String communeName, int gwmpPort, int consolePort, long trafficSeed,
                   int devices) {

    /**
     * Three communes of Brittany, each with one gateway fed by its own simulated concentrator and
     * with its own local console port (the three agents share one machine).
     */
    static List<DemoGateway> defaults(int firstGwmpPort, int firstConsolePort) {
        return List.of(
                new DemoGateway("gw-rennes-mairie", "35238", "Rennes", firstGwmpPort, firstConsolePort, 1, 12),
                new DemoGateway("gw-brest-port", "29019", "Brest", firstGwmpPort + 1, firstConsolePort + 1, 2, 8),
                new DemoGateway("gw-quimper-cathedrale", "29232", "Quimper", firstGwmpPort + 2, firstConsolePort + 2, 3, 5));
    }
}
