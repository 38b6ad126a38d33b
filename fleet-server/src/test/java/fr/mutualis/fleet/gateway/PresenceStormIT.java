package fr.mutualis.fleet.gateway;

import static fr.mutualis.fleet.mqtt.ContractMessages.birth;
import static fr.mutualis.fleet.mqtt.ContractMessages.death;
import static fr.mutualis.fleet.mqtt.ContractMessages.health;
import static fr.mutualis.fleet.mqtt.ContractMessages.metrics;
import static fr.mutualis.fleet.mqtt.ContractMessages.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.GatewayState;
import fr.mutualis.fleet.mqtt.FakeGateway;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.TestFleet;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Presence and alerts of 200 simulated gateways on the real embedded broker and PostgreSQL, read
 * through the REST API. Each gateway is an MQTT client speaking the contract as the agent does
 * (retained birth with a last will, a health report every second). Some die abruptly (TCP closed
 * without DISCONNECT: the broker publishes their will), some go silent with their connection open
 * (STALE), some flap — abrupt deaths, session takeovers and clean shutdowns, each reconnection
 * followed by a duplicated birth, a late copy of the previous connection's will and a late birth of
 * an older connection — and the rest stay healthy, some with a nearly full disk or a growing
 * backlog. Then part of each group recovers. The test waits (bounded) for the API to show each
 * gateway's exact state and the exact set of open alerts, and prints the counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mutualis.presence.stale-after=" + PresenceStormIT.STALE_AFTER_SECONDS + "s",
        "mutualis.presence.sweep-interval=250ms",
        "mutualis.alerts.evaluation-interval=250ms",
        "mutualis.alerts.offline-after=3s",
        "mutualis.alerts.backlog-rising-reports=3",
        "mutualis.alerts.disk-free-below-percent=10",
        // 200 gateways' births, deaths and alerts would drown the test's own output
        "logging.level.fr.mutualis.fleet.gateway=WARN",
        "logging.level.fr.mutualis.fleet.alert=WARN"})
@DirtiesContext
class PresenceStormIT {

    static final int STALE_AFTER_SECONDS = 5;
    private static final int GATEWAYS = 200;
    private static final long HEALTH_INTERVAL_MILLIS = 1_000;
    private static final int FLAP_CYCLES = 4;
    /** Bound on each wait: the configured windows (5 s stale, 3 s offline alert) plus room for a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String[] COMMUNES = {"35238", "29019", "29232", "56260"};

    private static String brokerUrl;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        brokerUrl = TestFleet.withEmbeddedBroker(registry, "presence-storm");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext fleetContext;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    private final List<SimulatedGateway> fleet = new ArrayList<>();
    /**
     * A reporting thread per gateway, as each agent reports on its own: report() waits for its
     * gateway's lock, which a flapper holds through its reconnection cycles, and with fewer threads
     * than gateways those waits could take them all, so that gateways in good health fell silent
     * past the stale window.
     */
    private final ScheduledExecutorService reporters = Executors.newScheduledThreadPool(GATEWAYS);
    private final ExecutorService workers = Executors.newFixedThreadPool(16);

    /** What each group does; the index ranges below give the group of every gateway. */
    enum Role { HEALTHY, DISK_FULL, BACKLOG, DIES, SILENT, FLAPS_THEN_STAYS, FLAPS_THEN_DIES }

    private static Role role(int i) {
        if (i < 10) {
            return Role.DISK_FULL;
        } else if (i < 20) {
            return Role.BACKLOG;
        } else if (i < 60) {
            return Role.HEALTHY;
        } else if (i < 100) {
            return Role.DIES;
        } else if (i < 140) {
            return Role.SILENT;
        } else if (i < 170) {
            return Role.FLAPS_THEN_STAYS;
        }
        return Role.FLAPS_THEN_DIES;
    }

    /** In the recovery phase, the first half of the dead and of the silent gateways come back. */
    private static boolean recovers(int i) {
        return (i >= 60 && i < 80) || (i >= 100 && i < 120);
    }

    @AfterEach
    void stopFleet() {
        reporters.shutdownNow();
        workers.shutdownNow();
        fleet.forEach(SimulatedGateway::closeQuietly);
    }

    @Test
    void twoHundredGatewaysAreEachShownInTheirStateWithTheRightAlerts() throws Exception {
        FleetApi api = FleetApi.asAdmin(fleetContext, httpPort);
        for (int i = 0; i < GATEWAYS; i++) {
            fleet.add(new SimulatedGateway(i, String.format("gw-storm-%03d", i), COMMUNES[i % COMMUNES.length], role(i)));
        }

        // All connect at once (the reconnect storm of a fleet coming back), each reporting every
        // second from its connection on.
        Instant start = Instant.now();
        runAll(fleet, gateway -> {
            gateway.connect();
            reporters.scheduleAtFixedRate(gateway::reportQuietly,
                    ThreadLocalRandom.current().nextLong(HEALTH_INTERVAL_MILLIS), HEALTH_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
        });
        Map<String, String> allOnline = fleet.stream().collect(Collectors.toMap(g -> g.id, g -> "ONLINE"));
        awaitStates(api, allOnline);
        print("all connected", api, start);

        // Phase 1: the storm.
        start = Instant.now();
        List<SimulatedGateway> flappers = select(g -> g.role == Role.FLAPS_THEN_STAYS || g.role == Role.FLAPS_THEN_DIES);
        List<Future<Void>> flapping = submitAll(flappers, SimulatedGateway::flap);
        runAll(select(g -> g.role == Role.DIES), SimulatedGateway::dieAbruptly);
        select(g -> g.role == Role.SILENT).forEach(g -> g.reporting = false);
        select(g -> g.role == Role.DISK_FULL).forEach(g -> g.diskFreePercent = 4.0);
        select(g -> g.role == Role.BACKLOG).forEach(g -> g.depthStep = 25);
        for (Future<Void> done : flapping) {
            done.get(2, TimeUnit.MINUTES);
        }

        Map<String, String> expected = new TreeMap<>();
        for (SimulatedGateway gateway : fleet) {
            expected.put(gateway.id, switch (gateway.role) {
                case HEALTHY, DISK_FULL, BACKLOG, FLAPS_THEN_STAYS -> "ONLINE";
                case SILENT -> "STALE";
                case DIES, FLAPS_THEN_DIES -> "OFFLINE";
            });
        }
        awaitStates(api, expected);
        assertStaleNeverEarly(api);
        Set<String> expectedAlerts = new TreeSet<>();
        for (SimulatedGateway gateway : fleet) {
            switch (gateway.role) {
                case DIES, FLAPS_THEN_DIES -> expectedAlerts.add(gateway.id + " OFFLINE");
                case SILENT -> expectedAlerts.add(gateway.id + " STALE");
                case DISK_FULL -> expectedAlerts.add(gateway.id + " DISK_NEARLY_FULL");
                case BACKLOG -> expectedAlerts.add(gateway.id + " BACKLOG");
                default -> {
                }
            }
        }
        awaitOpenAlerts(api, expectedAlerts);
        print("after the storm", api, start);

        // Phase 2: recovery of part of each group.
        start = Instant.now();
        List<SimulatedGateway> returning = select(g -> recovers(index(g)));
        runAll(select(g -> g.role == Role.DIES && recovers(index(g))), SimulatedGateway::connect);
        returning.forEach(g -> g.reporting = true);
        select(g -> g.role == Role.DISK_FULL).forEach(g -> g.diskFreePercent = 60.0);
        select(g -> g.role == Role.BACKLOG).forEach(g -> g.depthStep = -40);
        for (SimulatedGateway gateway : returning) {
            expected.put(gateway.id, "ONLINE");
            expectedAlerts.removeIf(alert -> alert.startsWith(gateway.id + " "));
        }
        expectedAlerts.removeIf(alert -> alert.endsWith(" DISK_NEARLY_FULL") || alert.endsWith(" BACKLOG"));
        awaitStates(api, expected);
        awaitOpenAlerts(api, expectedAlerts);
        print("after the recovery", api, start);

        assertAlertsResolvedWithTheirCauses(api);
        assertLateAndRepeatedStateMessagesWereRecognised();
        assertEveryFlapperHasOneBirthPerConnection(api);
        assertHealthHistoryIsServed(api);
    }

    /** The states of all 200 gateways, as the API lists them, must be exactly the expected ones. */
    private void awaitStates(FleetApi api, Map<String, String> expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(states(api)).containsExactlyInAnyOrderEntriesOf(expected));
    }

    private void awaitOpenAlerts(FleetApi api, Set<String> expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(openAlerts(api)).containsExactlyInAnyOrderElementsOf(expected));
    }

    private Map<String, String> states(FleetApi api) throws IOException, InterruptedException {
        Map<String, String> states = new HashMap<>();
        for (JsonNode gateway : api.all("/api/gateways?limit=500")) {
            String id = gateway.get("id").asString();
            if (id.startsWith("gw-storm-")) {
                states.put(id, gateway.get("status").asString());
            }
        }
        return states;
    }

    private static List<JsonNode> alerts(FleetApi api, String query) throws IOException, InterruptedException {
        List<JsonNode> alerts = new ArrayList<>();
        api.get("/api/alerts?limit=1000" + query).forEach(alerts::add);
        return alerts;
    }

    private static Set<String> openAlerts(FleetApi api) throws IOException, InterruptedException {
        return alerts(api, "&state=open").stream().map(a -> a.get("gatewayId").asString() + " " + a.get("kind").asString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A gateway becomes STALE only once it has been silent for the whole window, never before. */
    private void assertStaleNeverEarly(FleetApi api) throws IOException, InterruptedException {
        long latestMillis = 0;
        for (JsonNode gateway : api.all("/api/gateways?limit=500")) {
            if ("STALE".equals(gateway.get("status").asString())) {
                Duration silence = Duration.between(Instant.parse(gateway.get("lastSeenAt").asString()),
                        Instant.parse(gateway.get("statusChangedAt").asString()));
                assertThat(silence).as(gateway.get("id").asString()).isGreaterThan(Duration.ofSeconds(STALE_AFTER_SECONDS));
                latestMillis = Math.max(latestMillis, silence.toMillis() - STALE_AFTER_SECONDS * 1000L);
            }
        }
        System.out.printf("[presence-storm] stale marked at most %d ms after the %d s window ended%n", latestMillis,
                STALE_AFTER_SECONDS);
    }

    private void assertAlertsResolvedWithTheirCauses(FleetApi api) throws IOException, InterruptedException {
        List<JsonNode> resolved = alerts(api, "&state=resolved");
        Map<String, Long> resolvedByKind = resolved.stream()
                .collect(Collectors.groupingBy(a -> a.get("kind").asString(), TreeMap::new, Collectors.counting()));
        Map<String, Long> openByKind = alerts(api, "&state=open").stream()
                .collect(Collectors.groupingBy(a -> a.get("kind").asString(), TreeMap::new, Collectors.counting()));
        System.out.printf("[presence-storm] alerts open %s, resolved %s%n", openByKind, resolvedByKind);

        Set<String> resolvedPairs = resolved.stream()
                .map(a -> a.get("gatewayId").asString() + " " + a.get("kind").asString()).collect(Collectors.toSet());
        for (SimulatedGateway gateway : fleet) {
            int i = index(gateway);
            switch (gateway.role) {
                case DIES -> {
                    if (recovers(i)) {
                        assertThat(resolvedPairs).contains(gateway.id + " OFFLINE");
                    }
                }
                case SILENT -> {
                    if (recovers(i)) {
                        assertThat(resolvedPairs).contains(gateway.id + " STALE");
                    }
                }
                case DISK_FULL -> assertThat(resolvedPairs).contains(gateway.id + " DISK_NEARLY_FULL");
                case BACKLOG -> assertThat(resolvedPairs).contains(gateway.id + " BACKLOG");
                default -> {
                }
            }
        }
        // Deduplicated: a disk reported full a dozen times raised one alert per gateway.
        assertThat(resolved.stream().filter(a -> a.get("kind").asString().equals("DISK_NEARLY_FULL")).count())
                .isEqualTo(10);
        // Healthy all along (neither flapping nor short of anything): never an alert, not even a passing one.
        Set<String> alerted = new TreeSet<>();
        for (JsonNode alert : alerts(api, "")) {
            alerted.add(alert.get("gatewayId").asString());
        }
        assertThat(select(g -> g.role == Role.HEALTHY)).extracting(g -> g.id).doesNotContainAnyElementsOf(alerted);
        // Only the silent ones were ever stale: a fleet busy with the storm does not take its own
        // delay for the gateways' silence.
        Set<String> everStale = alerts(api, "&kind=stale").stream().map(a -> a.get("gatewayId").asString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(everStale).containsExactlyInAnyOrderElementsOf(
                select(g -> g.role == Role.SILENT).stream().map(g -> g.id).toList());
    }

    private void assertLateAndRepeatedStateMessagesWereRecognised() {
        Map<String, Double> ignored = new TreeMap<>();
        meters.find("mutualis.presence.ignored").counters()
                .forEach(counter -> ignored.put(counter.getId().getTag("reason"), counter.count()));
        System.out.printf("[presence-storm] state messages ignored as late or repeated: %s%n", ignored);
        int flappers = 60;
        // each reconnection of a flapper published its birth twice, a late will and (from the second on) a late birth
        assertThat(ignored.getOrDefault("duplicate-birth", 0.0)).isGreaterThanOrEqualTo(flappers * FLAP_CYCLES);
        assertThat(ignored.getOrDefault("death-of-another-session", 0.0)).isGreaterThanOrEqualTo(flappers * FLAP_CYCLES);
        assertThat(ignored.getOrDefault("late-birth-of-ended-session", 0.0)
                + ignored.getOrDefault("late-birth-of-older-session", 0.0))
                .isGreaterThanOrEqualTo(flappers * (FLAP_CYCLES - 1));
    }

    /** However many births were repeated or replayed late, each connection counts once in the history. */
    private void assertEveryFlapperHasOneBirthPerConnection(FleetApi api) throws IOException, InterruptedException {
        int births = 0;
        for (SimulatedGateway gateway : select(g -> g.role == Role.FLAPS_THEN_STAYS || g.role == Role.FLAPS_THEN_DIES)) {
            List<String> reasons = new ArrayList<>();
            api.get("/api/gateways/" + gateway.id + "/presence?limit=1000").forEach(t -> reasons.add(t.get("reason").asString()));
            assertThat(reasons.stream().filter("birth"::equals).count()).as(gateway.id).isEqualTo(FLAP_CYCLES + 1);
            births += FLAP_CYCLES + 1;
        }
        System.out.printf("[presence-storm] flappers: %d connections, each with exactly one birth in the history%n", births);
    }

    private void assertHealthHistoryIsServed(FleetApi api) throws IOException, InterruptedException {
        SimulatedGateway healthy = select(g -> g.role == Role.HEALTHY).get(0);
        JsonNode page = api.get("/api/gateways/" + healthy.id + "/health?limit=5");
        assertThat(page).hasSize(5);
        for (int i = 1; i < page.size(); i++) {
            assertThat(Instant.parse(page.get(i).get("receivedAt").asString()))
                    .isBefore(Instant.parse(page.get(i - 1).get("receivedAt").asString()));
        }
        assertThat(page.get(0).get("session").asString()).isEqualTo(healthy.session);
    }

    private void print(String phase, FleetApi api, Instant phaseStart) throws IOException, InterruptedException {
        Map<String, Long> counts = states(api).values().stream()
                .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        Map<String, Long> alertCounts = alerts(api, "&state=open").stream()
                .collect(Collectors.groupingBy(a -> a.get("kind").asString(), TreeMap::new, Collectors.counting()));
        System.out.printf("[presence-storm] %s: %d gateways, states %s, open alerts %s (API exact after %d ms)%n", phase,
                GATEWAYS, counts, alertCounts, Duration.between(phaseStart, Instant.now()).toMillis());
        // The fleet's handling delay over the phase: how long reports waited at the broker while it
        // worked through the burst (same clock for the simulated gateways and the fleet).
        String delay = jdbc.sql("""
                SELECT format('%s reports handled, delay max %s ms, mean %s ms', count(*),
                              round(1000 * extract(epoch FROM max(received_at - reported_at))),
                              round(1000 * extract(epoch FROM avg(received_at - reported_at))))
                FROM health_report WHERE received_at >= :since
                """).param("since", Timestamp.from(phaseStart)).query(String.class).single();
        Map<String, Double> messages = new TreeMap<>();
        meters.find("mutualis.mqtt.messages").counters()
                .forEach(counter -> messages.put(counter.getId().getTag("channel"), counter.count()));
        System.out.printf("[presence-storm]   %s; messages handled since the start %s%n", delay, messages);
    }

    private List<SimulatedGateway> select(Predicate<SimulatedGateway> filter) {
        return fleet.stream().filter(filter).toList();
    }

    private static int index(SimulatedGateway gateway) {
        return gateway.index;
    }

    @FunctionalInterface
    interface GatewayAction {
        void run(SimulatedGateway gateway) throws Exception;
    }

    private List<Future<Void>> submitAll(List<SimulatedGateway> gateways, GatewayAction action) {
        List<Future<Void>> futures = new ArrayList<>();
        for (SimulatedGateway gateway : gateways) {
            futures.add(workers.submit((Callable<Void>) () -> {
                action.run(gateway);
                return null;
            }));
        }
        return futures;
    }

    private void runAll(List<SimulatedGateway> gateways, GatewayAction action) throws Exception {
        for (Future<Void> done : submitAll(gateways, action)) {
            done.get(2, TimeUnit.MINUTES);
        }
    }

    /**
     * One simulated gateway: its current MQTT connection and session, and what its health reports
     * say. Methods are synchronized so that a report never interleaves with a reconnection.
     */
    private static final class SimulatedGateway {

        final int index;
        final String id;
        final String commune;
        final Role role;
        final List<String> sessions = new ArrayList<>();
        volatile boolean reporting = true;
        volatile double diskFreePercent = 60.0;
        volatile long depthStep;
        private long depth;
        private String session;
        private FakeGateway client;

        SimulatedGateway(int index, String id, String commune, Role role) {
            this.index = index;
            this.id = id;
            this.commune = commune;
            this.role = role;
        }

        private String stateTopic() {
            return topic(commune, id, Channel.STATE);
        }

        /** A new connection, as the agent makes it: a fresh session, its will, then its retained birth. */
        synchronized void connect() throws MqttException {
            FakeGateway previous = client;
            session = id + "-" + (sessions.size() + 1);
            sessions.add(session);
            // With the previous connection still open, the broker hands the session over and closes it.
            client = new FakeGateway(brokerUrl, id).connectWithWill(stateTopic(),
                    death(id, commune, session, GatewayState.REASON_CONNECTION_LOST));
            client.publishRetained(stateTopic(), birth(id, commune, session));
            if (previous != null) {
                previous.close();
            }
        }

        synchronized void dieAbruptly() throws MqttException {
            client.dieAbruptly();
        }

        /** A clean stop as the agent does it: the death announced (here twice), then a normal DISCONNECT. */
        synchronized void shutDown() throws MqttException {
            String death = death(id, commune, session, GatewayState.REASON_SHUTDOWN);
            client.publishRetained(stateTopic(), death);
            client.publishRetained(stateTopic(), death);
            client.close();
        }

        /**
         * Leaves and comes back {@code FLAP_CYCLES} times — by abrupt death, session takeover or
         * clean shutdown in turn — and after each return repeats its birth and replays, late, the
         * previous connection's will and an older connection's birth. A FLAPS_THEN_DIES gateway
         * then dies for good, abruptly or cleanly.
         */
        void flap() throws MqttException {
            for (int cycle = 0; cycle < FLAP_CYCLES; cycle++) {
                synchronized (this) {
                    switch ((index + cycle) % 3) {
                        case 0 -> dieAbruptly();
                        case 1 -> {
                            // takeover: connect() opens the new connection while this one is still up
                        }
                        default -> shutDown();
                    }
                    connect();
                    client.publishRetained(stateTopic(), birth(id, commune, session));
                    String previous = sessions.get(sessions.size() - 2);
                    client.publish(stateTopic(), death(id, commune, previous, GatewayState.REASON_CONNECTION_LOST));
                    if (sessions.size() >= 3) {
                        client.publish(stateTopic(), birth(id, commune, sessions.get(sessions.size() - 3)));
                    }
                }
            }
            if (role == Role.FLAPS_THEN_DIES) {
                synchronized (this) {
                    reporting = false;
                    if (index % 2 == 0) {
                        dieAbruptly();
                    } else {
                        shutDown();
                    }
                }
            }
        }

        synchronized void report() throws MqttException {
            if (!reporting || client == null || !client.isConnected()) {
                return;
            }
            depth = Math.max(0, depth + depthStep);
            double oldestAge = depth == 0 ? 0 : 60;
            client.publish(topic(commune, id, Channel.HEALTH),
                    health(id, commune, session, metrics(diskFreePercent, depth, oldestAge)));
        }

        /** For the scheduler: a failed report (connection being replaced) must not end the schedule. */
        void reportQuietly() {
            try {
                report();
            } catch (MqttException | RuntimeException e) {
                // the next report goes out on the new connection
            }
        }

        synchronized void closeQuietly() {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (MqttException | RuntimeException e) {
                // shutting the test down
            }
        }
    }
}
