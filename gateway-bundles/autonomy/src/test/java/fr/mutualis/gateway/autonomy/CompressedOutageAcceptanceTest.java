package fr.mutualis.gateway.autonomy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog;
import fr.mutualis.gateway.autonomy.alarm.AlarmRule;
import fr.mutualis.gateway.autonomy.lighting.CircuitSchedule;
import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import fr.mutualis.gateway.autonomy.lighting.DateException;
import fr.mutualis.gateway.autonomy.lighting.LightingSchedule;
import fr.mutualis.gateway.autonomy.lighting.LocalWindow;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.autonomy.lighting.local.CircuitRule;
import fr.mutualis.gateway.autonomy.lighting.local.LightingController;
import fr.mutualis.gateway.autonomy.sun.AstronomicalClock;
import fr.mutualis.gateway.autonomy.sun.GeoPosition;
import fr.mutualis.gateway.autonomy.sun.SunAltitude;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import fr.mutualis.gateway.autonomy.time.local.AssessedGatewayClock;
import fr.mutualis.gateway.decoding.DecodedUplink;
import fr.mutualis.gateway.decoding.axioma.QalcosonicW1Decoder;
import fr.mutualis.hardware.io.DigitalOutputs;
import fr.mutualis.hardware.io.pi4j.MockBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 2 of issue 9: a compressed 48-hour backhaul outage across the October summer-time
 * change. The real components (circuit rules from their configuration text, the lighting
 * controller, the alarm rule, the JSON-lines action log, Pi4J's digital outputs on the mock
 * platform) are wired as DS would wire them, with a clock the test moves by one evaluation step at a
 * time. At every step each circuit's pin must be exactly what its schedule says; a leak alarm
 * decoded from a real Qalcosonic W1 alarm packet switches the valve on at once.
 *
 * <p>Plain Java wiring rather than Felix: the pins must be read on Pi4J's mock platform, which the
 * Pi4J bundle embeds privately; the DS wiring itself is covered by the bundle tests in Felix.
 */
class CompressedOutageAcceptanceTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final double LAT = 48.111;
    private static final double LON = -1.680;
    /** 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET. */
    private static final Instant START = LocalDateTime.parse("2026-10-24T12:00").atZone(PARIS).toInstant();
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final Duration OUTAGE = Duration.ofHours(48);

    @TempDir
    Path data;

    private final MockBoard board = new MockBoard();

    @AfterEach
    void shutdown() {
        board.close();
    }

    @Test
    void outputsFollowTheScheduleAtEveryStepAndALeakAlarmDrivesItsOutputLocally() throws Exception {
        ControllableClock time = new ControllableClock(START);
        ClockAssessor assessor = new ClockAssessor(time, () -> 0L, 20, Duration.ofSeconds(60),
                Duration.ofMinutes(15), Instant.parse("2026-01-01T00:00:00Z"));
        AssessedGatewayClock clock = new AssessedGatewayClock(time, assessor);
        clock.synchronised(Duration.ofMillis(50)); // NTP just before the cut; the RTC's drift is then negligible

        // The lighting contactors hang on an active-low relay board, lit at start (fail lit); the valve is active high.
        DigitalOutputs lighting = board.outputs(true, true, "street-1=17", "street-2=27");
        DigitalOutputs alarms = board.outputs(false, false, "valve=22");
        boolean previous1 = lighting.isActive("street-1");
        boolean previous2 = lighting.isActive("street-2");
        JsonLinesActionLog actions = new JsonLinesActionLog(data.resolve(JsonLinesActionLog.FILE_NAME));
        LightingController controller = new LightingController(data.resolve(LightingController.OVERRIDES_FILE),
                lighting, clock, actions, MockBoard.silentLogger());
        controller.addCircuit(new CircuitRule("street-1", "", LAT, LON, "Europe/Paris", "SUNRISE_SUNSET", 15, -10,
                "23:00-05:00", new String[0]));
        controller.addCircuit(new CircuitRule("street-2", "street-2", LAT, LON, "Europe/Paris", "civil-twilight", 0,
                0, "", new String[] {"2026-10-25 window 18:30-21:00"}));
        AlarmRule leak = new AlarmRule("leak-school", "26011234", "leakageAlarm", "valve", alarms, clock, actions,
                MockBoard.silentLogger());

        // The expectation, written independently from the configuration text above.
        AstronomicalClock rennes = new AstronomicalClock(new GeoPosition(LAT, LON), PARIS);
        LightingSchedule street1 = new LightingSchedule(rennes, CircuitSchedule.of("street-1",
                SunAltitude.SUNRISE_SUNSET, Duration.ofMinutes(15), Duration.ofMinutes(-10),
                LocalWindow.of("23:00", "05:00"), List.of()));
        LightingSchedule street2 = new LightingSchedule(rennes, CircuitSchedule.of("street-2",
                SunAltitude.CIVIL_TWILIGHT, Duration.ZERO, Duration.ZERO, null,
                List.of(DateException.window(LocalDate.of(2026, 10, 25), LocalWindow.of("18:30", "21:00")))));

        Instant leakAt = START.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(7));
        int steps = 0;
        int transitions1 = 0;
        int transitions2 = 0;
        for (Instant t = START; !t.isAfter(START.plus(OUTAGE)); t = t.plus(STEP)) {
            time.set(t);
            if (t.equals(leakAt)) {
                assertThat(board.pinHigh("valve")).as("valve before the leak").isFalse();
                // fPort 103, meter time, alarm flags 0x01 = leakage: the alarm packet as the meter sends it.
                byte[] packet = {0x10, 0x20, 0x30, 0x40, 0x01};
                leak.decoded(new DecodedUplink("26011234", 412, 103, t,
                        new QalcosonicW1Decoder().decode(103, packet)));
                assertThat(board.pinHigh("valve")).as("valve right after the leak alarm").isTrue();
            }
            controller.evaluateNow();
            steps++;

            boolean want1 = street1.desiredState(t, ClockQuality.trusted()).state() == OutputState.ON;
            boolean want2 = street2.desiredState(t, ClockQuality.trusted()).state() == OutputState.ON;
            // Pins as the relay board sees them: a low pin energises the contactor.
            assertThat(!board.pinHigh("street-1")).as("street-1 at %s", t.atZone(PARIS)).isEqualTo(want1);
            assertThat(!board.pinHigh("street-2")).as("street-2 at %s", t.atZone(PARIS)).isEqualTo(want2);
            transitions1 += want1 != previous1 ? 1 : 0;
            transitions2 += want2 != previous2 ? 1 : 0;
            previous1 = want1;
            previous2 = want2;
        }

        assertThat(steps).isEqualTo(48 * 60 + 1);
        // Anchors a commune would check by hand (local time, both nights, the second being 25 hours long).
        assertThat(stateAt(street1, "2026-10-24T22:00")).isEqualTo(OutputState.ON);
        assertThat(stateAt(street1, "2026-10-24T23:30")).isEqualTo(OutputState.OFF);
        assertThat(stateAt(street1, "2026-10-25T02:30")).isEqualTo(OutputState.OFF);
        assertThat(stateAt(street1, "2026-10-25T06:00")).isEqualTo(OutputState.ON);
        assertThat(stateAt(street1, "2026-10-25T13:00")).isEqualTo(OutputState.OFF);
        assertThat(stateAt(street2, "2026-10-25T20:00")).isEqualTo(OutputState.ON);
        assertThat(stateAt(street2, "2026-10-25T22:00")).isEqualTo(OutputState.OFF);
        // Two nights: street-1 on at dusk, off at the cut-off, on at 05:00, off at dawn = 4 switches a night
        // (lit at start, it is switched off once more as soon as its rule is configured, at noon).
        assertThat(transitions1).isEqualTo(9);
        assertThat(board.pinHigh("valve")).as("the alarm output stays on").isTrue();

        // Every switch and the alarm are in the durable action log, in order, to be reported to the fleet.
        List<String> lines = Files.readAllLines(actions.file());
        long switches1 = lines.stream().filter(l -> l.contains("\"kind\":\"lighting.switch\"")
                && l.contains("\"subject\":\"street-1\"")).count();
        long switches2 = lines.stream().filter(l -> l.contains("\"kind\":\"lighting.switch\"")
                && l.contains("\"subject\":\"street-2\"")).count();
        assertThat(switches1).isEqualTo(transitions1);
        assertThat(switches2).isEqualTo(transitions2);
        assertThat(lines).filteredOn(l -> l.contains("\"kind\":\"alarm.raised\"")).singleElement().asString()
                .contains("\"subject\":\"valve\"", "\"rule\":\"leak-school\"", "\"devAddr\":\"26011234\"",
                        "\"at\":\"" + leakAt + "\"");
        assertThat(controller.metrics()).containsEntry("autonomy.lighting.switches", (long) (switches1 + switches2))
                .containsEntry("autonomy.lighting.output.failures", 0L);
        List<RecordedAction> recent = actions.recent(500);
        assertThat(recent).hasSize(lines.size());
        assertThat(recent.get(recent.size() - 1).details()).containsEntry("state", "OFF");
    }

    private static OutputState stateAt(LightingSchedule schedule, String localDateTime) {
        return schedule.desiredState(LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant(),
                ClockQuality.trusted()).state();
    }

}
