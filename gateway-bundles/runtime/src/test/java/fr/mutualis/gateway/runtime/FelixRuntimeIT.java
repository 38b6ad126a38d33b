package fr.mutualis.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The real assembled bundle set in a real Felix, in-process. */
class FelixRuntimeIT {

    private static final Path BUNDLES = Path.of(System.getProperty("mutualis.runtime.dir", "target/missing"))
            .resolve("bundles");

    /**
     * Components that do nothing until configured: without a pin map there is no I/O to drive, without
     * a device no watchdog to kick, without rules nothing to switch. A non-Pi agent must start without them.
     */
    private static final List<String> NEEDS_CONFIGURATION = List.of(
            "fr.mutualis.hardware.io.pi4j.Pi4jDigitalOutputs",
            "fr.mutualis.hardware.io.pi4j.Pi4jDigitalInputs",
            "fr.mutualis.hardware.io.pi4j.Pi4jStatusLed",
            "fr.mutualis.hardware.io.pi4j.Pi4jConcentratorReset",
            "fr.mutualis.hardware.watchdog.linux.HardwareWatchdog",
            "fr.mutualis.gateway.autonomy.lighting.local.CircuitRule",
            "fr.mutualis.gateway.autonomy.alarm.AlarmRule");
    /** Drives circuits' outputs: it waits for the digital outputs, which wait for their pin map. */
    private static final String LIGHTING = "fr.mutualis.gateway.autonomy.lighting.local.LightingController";
    private static final String STATUS_LIGHT = "fr.mutualis.gateway.autonomy.status.local.StatusLight";
    private static final String CONCENTRATOR_SUPERVISOR =
            "fr.mutualis.gateway.autonomy.concentrator.local.ConcentratorSupervisor";
    /** Pi4J's context is built only once an output, input or LED asks for it (a delayed component). */
    private static final String PI4J_BOARD = "fr.mutualis.hardware.io.pi4j.Pi4jBoard";
    private static final int UNCONFIGURED = 0;
    private static final int UNSATISFIED_REFERENCE = 2;
    private static final int SATISFIED = 4;

    @TempDir
    Path work;

    private GatewayRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.stop(Duration.ofSeconds(15));
        }
    }

    private int consolePort;

    private Path writeConfig(String gatewayId, int udpPort) throws IOException {
        consolePort = freeTcpPort();
        Path config = work.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "gateway.id=" + gatewayId,
                "gateway.commune=35238",
                // Nothing listens there: the uplink must still activate and keep retrying.
                "broker.url=tcp://127.0.0.1:9",
                "data.dir=data",
                "gwmp.bind=127.0.0.1",
                "gwmp.port=" + udpPort,
                "health.interval.seconds=5",
                // Loopback and a free port: the console's default (0.0.0.0:8080) may be taken on a build machine.
                "console.bind=127.0.0.1",
                "console.port=" + consolePort,
                ""));
        return config;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void everyBundleStartsAndEveryComponentActivatesWithItsConfiguration() throws Exception {
        int port = freeUdpPort();
        Path config = writeConfig("gw-test-1", port);

        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), config);

        assertThat(Arrays.stream(runtime.bundleContext().getBundles())
                .filter(b -> b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null)
                .map(Bundle::getSymbolicName))
                .as("bundles not active").isEmpty();
        assertThat(runtime.bundleContext().getBundles()).extracting(Bundle::getSymbolicName)
                .contains("org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.metatype",
                        "org.apache.felix.log", "fr.mutualis.contract", "fr.mutualis.gateway.core",
                        "fr.mutualis.ingest.gwmp", "fr.mutualis.uplink.mqtt", "fr.mutualis.log.console",
                        "fr.mutualis.store.journal", "fr.mutualis.lorawan", "fr.mutualis.frame.pipeline",
                        "fr.mutualis.device.decoders", "fr.mutualis.enrolment", "fr.mutualis.config.agent",
                        "fr.mutualis.pi4j.io", "fr.mutualis.watchdog", "fr.mutualis.autonomy",
                        "fr.mutualis.local.console", "fr.mutualis.ota.agent");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ComponentInspector.ComponentState> ours = ourComponents();
            assertThat(ours).extracting(ComponentInspector.ComponentState::name).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(
                    "fr.mutualis.gateway.identity.ConfiguredGatewayIdentity",
                    "fr.mutualis.gateway.bootstrap.InitialConfigurationSeeder",
                    "fr.mutualis.gateway.store.StoreAndForward",
                    "fr.mutualis.gateway.pipeline.FramePipeline",
                    "fr.mutualis.gateway.decoding.local.LocalPayloadDecoding",
                    "fr.mutualis.gateway.health.HealthReporter",
                    "fr.mutualis.gateway.ingest.gwmp.GwmpServer",
                    "fr.mutualis.gateway.uplink.mqtt.MqttUplink",
                    "fr.mutualis.gateway.log.console.ConsoleLogWriter",
                    "fr.mutualis.gateway.enrolment.agent.GatewayEnrolmentAgent",
                    "fr.mutualis.gateway.config.ConfigurationAgent",
                    "fr.mutualis.gateway.ota.OtaAgent",
                    "fr.mutualis.gateway.autonomy.time.local.AssessedGatewayClock",
                    "fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog",
                    "fr.mutualis.gateway.autonomy.actions.local.ActionReporter",
                    "fr.mutualis.gateway.autonomy.time.local.ConcentratorGpsTime",
                    "fr.mutualis.gateway.autonomy.time.local.SystemTimeSynchronisation",
                    LIGHTING,
                    STATUS_LIGHT,
                    CONCENTRATOR_SUPERVISOR,
                    "fr.mutualis.gateway.console.LocalConsole",
                    "fr.mutualis.hardware.io.pi4j.Pi4jBoard"), NEEDS_CONFIGURATION.stream()).toList());
            assertThat(ours).filteredOn(c -> NEEDS_CONFIGURATION.contains(c.name())).allSatisfy(c -> assertThat(c.state())
                    .as("%s without configuration", c.name()).isEqualTo(UNCONFIGURED));
            assertThat(ours).filteredOn(c -> c.name().equals(PI4J_BOARD)).singleElement().satisfies(c -> assertThat(c.state())
                    .as("Pi4J is not started while no I/O uses it").isEqualTo(SATISFIED));
            assertThat(ours).filteredOn(c -> c.name().equals(LIGHTING)).singleElement().satisfies(c -> assertThat(c.state())
                    .as("lighting without configured outputs").isEqualTo(UNSATISFIED_REFERENCE));
            assertThat(ours).filteredOn(c -> c.name().equals(STATUS_LIGHT)).singleElement().satisfies(c -> assertThat(c.state())
                    .as("status light without a configured LED").isEqualTo(UNSATISFIED_REFERENCE));
            assertThat(ours).filteredOn(c -> c.name().equals(CONCENTRATOR_SUPERVISOR)).singleElement().satisfies(c -> assertThat(
                    c.state()).as("no concentrator reset line configured").isEqualTo(UNSATISFIED_REFERENCE));
            assertThat(ours).filteredOn(c -> !NEEDS_CONFIGURATION.contains(c.name()) && !c.name().equals(PI4J_BOARD)
                            && !c.name().equals(LIGHTING) && !c.name().equals(STATUS_LIGHT)
                            && !c.name().equals(CONCENTRATOR_SUPERVISOR))
                    .allSatisfy(c -> assertThat(c.state())
                    .as("%s state (failure: %s)", c.name(), c.failure()).isEqualTo(ComponentInspector.ACTIVE));
        });
        assertThat(Files.readString(work.resolve("data").resolve("console-credential.txt")))
                .as("the console's password label").isNotBlank();
        try (java.net.Socket console = new java.net.Socket("127.0.0.1", consolePort)) {
            assertThat(console.isConnected()).as("the console listens on the file's port").isTrue();
        }

        Map<String, Map<String, Object>> properties = ourComponents().stream()
                .collect(Collectors.toMap(ComponentInspector.ComponentState::name,
                        ComponentInspector.ComponentState::properties));
        assertThat(properties.get("fr.mutualis.gateway.identity.ConfiguredGatewayIdentity"))
                .containsEntry("gatewayId", "gw-test-1").containsEntry("commune", "35238")
                .containsEntry("service.pid", "fr.mutualis.gateway.identity");
        assertThat(properties.get("fr.mutualis.gateway.uplink.mqtt.MqttUplink"))
                .containsEntry("brokerUrl", "tcp://127.0.0.1:9");
        assertThat(properties.get("fr.mutualis.gateway.ingest.gwmp.GwmpServer"))
                .containsEntry("port", port).containsEntry("bindAddress", "127.0.0.1");
        assertThat(properties.get("fr.mutualis.gateway.health.HealthReporter"))
                .containsEntry("intervalSeconds", 5);

        assertThat(metatypePids()).as("every configurable component publishes its Metatype schema")
                .contains("fr.mutualis.gateway.identity", "fr.mutualis.gateway.store", "fr.mutualis.gateway.health",
                        "fr.mutualis.gateway.ingest.gwmp", "fr.mutualis.gateway.uplink.mqtt",
                        "fr.mutualis.gateway.log.console", "fr.mutualis.gateway.pipeline",
                        "fr.mutualis.gateway.decoding", "fr.mutualis.gateway.enrolment", "fr.mutualis.gateway.config");

        try (var files = Files.list(work.resolve("data").resolve("config"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("ConfigAdmin persists under the data directory").isNotEmpty();
        }
    }

    @Test
    void configurationPersistsAcrossRestartsAndAnEditedFileIsAppliedAgain() throws Exception {
        Path config = writeConfig("gw-test-2", freeUdpPort());
        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), config);
        awaitIdentity("gw-test-2");
        runtime.stop(Duration.ofSeconds(15));

        // Restart without the file: the persisted configuration alone brings the gateway back.
        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), null);
        awaitIdentity("gw-test-2");
        runtime.stop(Duration.ofSeconds(15));

        // The installer edits the file: it is applied again at the next start.
        Files.writeString(config, Files.readString(config).replace("gw-test-2", "gw-test-2b"));
        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), config);
        awaitIdentity("gw-test-2b");
    }

    @Test
    void theReadingsPathHasAStartLevelBeforeTheLocalServicesAndAgentsAndKeepsItAcrossRestarts() throws Exception {
        Path config = writeConfig("gw-test-3", freeUdpPort());
        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), config);
        assertStartLevels();
        runtime.stop(Duration.ofSeconds(15));

        // After a restart the framework itself starts the persisted bundles, level by level.
        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), null);
        assertStartLevels();
        assertThat(Arrays.stream(runtime.bundleContext().getBundles())
                .filter(b -> b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null)
                .map(Bundle::getSymbolicName))
                .as("bundles not active after the restart").isEmpty();
        awaitIdentity("gw-test-3");
    }

    private void assertStartLevels() {
        Map<String, Integer> levels = Arrays.stream(runtime.bundleContext().getBundles())
                .filter(b -> b.getBundleId() != 0)
                .collect(Collectors.toMap(Bundle::getSymbolicName,
                        b -> b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).getStartLevel()));
        List<String> readingsPath = List.of("fr.mutualis.gateway.core", "fr.mutualis.enrolment", "fr.mutualis.ingest.gwmp",
                "fr.mutualis.frame.pipeline", "fr.mutualis.lorawan", "fr.mutualis.device.decoders",
                "fr.mutualis.store.journal", "fr.mutualis.uplink.mqtt");
        List<String> servicesAndAgents = List.of("fr.mutualis.config.agent", "fr.mutualis.ota.agent",
                "fr.mutualis.local.console", "fr.mutualis.autonomy", "fr.mutualis.pi4j.io", "fr.mutualis.watchdog");
        assertThat(levels).as("bundle start levels").allSatisfy((name, level) -> assertThat(level).as(name)
                .isEqualTo(readingsPath.contains(name) ? GatewayRuntime.READINGS_PATH_LEVEL
                        : servicesAndAgents.contains(name) ? GatewayRuntime.HIGHEST_START_LEVEL : 1));
        assertThat(levels).containsKeys(readingsPath.toArray(String[]::new))
                .containsKeys(servicesAndAgents.toArray(String[]::new))
                .containsEntry("org.apache.felix.scr", 1).containsEntry("fr.mutualis.contract", 1);
        assertThat(runtime.bundleContext().getBundle(0).adapt(org.osgi.framework.startlevel.FrameworkStartLevel.class)
                .getStartLevel()).as("the framework's start level").isEqualTo(GatewayRuntime.HIGHEST_START_LEVEL);
    }

    @Test
    void anInvalidIdentityKeepsTheComponentInactiveWithAReason() throws Exception {
        Path config = writeConfig("Not A Valid Id", freeUdpPort());

        runtime = GatewayRuntime.start(BUNDLES, work.resolve("data"), config);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ourComponents())
                .filteredOn(c -> c.name().endsWith("ConfiguredGatewayIdentity")).singleElement()
                .satisfies(c -> assertThat(c.failure()).contains("invalid gateway id")));
        assertThat(ourComponents()).filteredOn(c -> c.name().endsWith("MqttUplink")).singleElement()
                .satisfies(c -> assertThat(c.state()).as("uplink without identity").isNotEqualTo(ComponentInspector.ACTIVE));
    }

    private void awaitIdentity(String gatewayId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ourComponents())
                .filteredOn(c -> c.name().endsWith("ConfiguredGatewayIdentity")).singleElement()
                .satisfies(c -> {
                    assertThat(c.state()).isEqualTo(ComponentInspector.ACTIVE);
                    assertThat(c.properties()).containsEntry("gatewayId", gatewayId);
                }));
    }

    /** PIDs with a Metatype definition, read through the MetaTypeService of the running framework. */
    private List<String> metatypePids() throws ReflectiveOperationException {
        var context = runtime.bundleContext();
        var reference = context.getServiceReference("org.osgi.service.metatype.MetaTypeService");
        Object metatype = context.getService(reference);
        try {
            Class<?> api = metatype.getClass().getClassLoader().loadClass("org.osgi.service.metatype.MetaTypeService");
            Class<?> information = api.getClassLoader().loadClass("org.osgi.service.metatype.MetaTypeInformation");
            List<String> pids = new java.util.ArrayList<>();
            for (Bundle bundle : context.getBundles()) {
                Object info = api.getMethod("getMetaTypeInformation", Bundle.class).invoke(metatype, bundle);
                if (info != null) {
                    pids.addAll(List.of((String[]) information.getMethod("getPids").invoke(info)));
                }
            }
            return pids;
        } finally {
            context.ungetService(reference);
        }
    }

    private List<ComponentInspector.ComponentState> ourComponents() throws ReflectiveOperationException {
        return ComponentInspector.components(runtime.bundleContext()).stream()
                .filter(c -> c.bundle().startsWith("fr.mutualis.")).toList();
    }
}
