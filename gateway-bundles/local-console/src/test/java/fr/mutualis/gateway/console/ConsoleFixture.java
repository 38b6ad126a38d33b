package fr.mutualis.gateway.console;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ClassifiedFrame;
import fr.mutualis.gateway.api.MetricsSource;
import fr.mutualis.gateway.api.ReceivedFrame;
import fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog;
import fr.mutualis.gateway.autonomy.lighting.local.CircuitRule;
import fr.mutualis.gateway.autonomy.lighting.local.LightingController;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import fr.mutualis.gateway.autonomy.time.local.AssessedGatewayClock;
import fr.mutualis.gateway.console.state.GatewayState;
import fr.mutualis.gateway.console.state.RecentReadings;
import fr.mutualis.gateway.console.state.StateCollector;
import fr.mutualis.hardware.io.DigitalOutputs;
import fr.mutualis.hardware.io.pi4j.MockBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A console on a gateway whose backhaul is down: the real lighting controller, action log and
 * gateway clock (noon in June, so the schedule says off) drive real Pi4J outputs on the mock
 * platform. The store's and uplink's counters come from a metrics source publishing the names
 * the store journal and the MQTT uplink publish (those bundles are not part of this module).
 */
final class ConsoleFixture implements AutoCloseable {

    static final Instant NOON = Instant.parse("2026-06-15T10:00:00Z");

    final MockBoard board = new MockBoard();
    final DigitalOutputs outputs = board.outputs(false, false, "street-1=17", "valve=22");
    final LightingController lighting;
    final JsonLinesActionLog actions;
    final ConsoleServer server;
    final String password;
    final Path dataDir;
    /** What the console handed to the enrolment agent. */
    final List<EnrolmentRequest> enrolments = new java.util.concurrent.CopyOnWriteArrayList<>();

    ConsoleFixture(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        Clock time = Clock.fixed(NOON, ZoneOffset.UTC);
        AssessedGatewayClock clock = new AssessedGatewayClock(time, new ClockAssessor(time, () -> 0L, 20,
                Duration.ofMinutes(1), Duration.ofMinutes(15), Instant.parse("2026-01-01T00:00:00Z")));
        clock.synchronised(Duration.ZERO);
        actions = new JsonLinesActionLog(dataDir.resolve(JsonLinesActionLog.FILE_NAME));
        lighting = new LightingController(dataDir.resolve(LightingController.OVERRIDES_FILE), outputs, clock, actions,
                MockBoard.silentLogger());
        lighting.addCircuit(new CircuitRule("street-1", "", 48.111, -1.680, "Europe/Paris", "SUNRISE_SUNSET", 0, 0,
                "23:00-05:00", new String[0]));
        lighting.evaluateNow();

        RecentReadings readings = new RecentReadings();
        // Unconfirmed data up from DevAddr 26011234, FCnt 7 (LoRaWAN is little-endian on the air).
        byte[] phy = {0x40, 0x34, 0x12, 0x01, 0x26, 0x00, 0x07, 0x00, 0x01, 0x55, 0x66, 0x77, 0x11, 0x22, 0x33, 0x44};
        readings.add(List.of(new ClassifiedFrame(new ReceivedFrame(NOON.minusSeconds(30), phy,
                new RadioMetadata(868_100_000L, "LORA", "SF7BW125", "4/5", -97, 7.5, 0, 0, 1L, 1, null, null, null,
                        null)), Priority.NORMAL)));
        MetricsSource store = () -> Map.of("store.lane.normal.depth", 40L, "store.lane.alarm.depth", 2L,
                "store.lane.normal.oldest.age.seconds", 3600L, "store.lane.alarm.oldest.age.seconds", 60L,
                "store.bytes.disk", 8192L, "store.disk.full", 0, "store.appended", 42L);
        MetricsSource uplink = () -> Map.of("uplink.connected", 0, "uplink.connects", 3L,
                "uplink.connection.losses", 3L, "uplink.connect.failures", 17L);
        StateCollector state = new StateCollector(new StateCollector.Sources(() -> null,
                () -> List.of(store, uplink, lighting), () -> lighting, () -> outputs, () -> actions, () -> clock,
                readings, () -> List.of(new GatewayState.LogLine(NOON, "WARN", "fr.mutualis.uplink.mqtt",
                        "Broker unreachable: connection refused"))));
        server = new ConsoleServer(new ConsoleServer.Settings("127.0.0.1", 0, Duration.ofMinutes(30),
                ZoneId.of("Europe/Paris")), dataDir, state, () -> lighting, enrolments::add, Clock.systemUTC());
        password = Files.readString(dataDir.resolve("console-credential.txt")).trim();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() throws Exception {
        server.close();
        actions.close();
        board.close();
    }
}
