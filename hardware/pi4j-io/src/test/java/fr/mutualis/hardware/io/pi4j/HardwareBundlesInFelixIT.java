package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The hardware bundles in a real Felix: the Pi4J I/O bundle (Pi4J embedded) and the watchdog
 * resolve against SCR, ConfigAdmin and the Log service only, and their
 * components activate from ConfigAdmin configurations and drive Pi4J's mock platform. The
 * bundles are not on this test's class path: services are reached reflectively.
 */
class HardwareBundlesInFelixIT {

    private static final int ACTIVE = 8;

    @TempDir
    Path work;

    private Framework framework;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(15_000);
        }
    }

    @Test
    void bundlesResolveAndComponentsActivateAndDriveTheMockBoard() throws Exception {
        Path watchdogDevice = Files.createFile(work.resolve("watchdog"));
        BundleContext context = startFramework();

        assertThat(context.getBundles()).filteredOn(b -> b.getState() != Bundle.ACTIVE)
                .extracting(Bundle::getSymbolicName).as("bundles not active").isEmpty();
        assertThat(context.getBundles()).extracting(Bundle::getSymbolicName)
                .contains("fr.mutualis.pi4j.io", "fr.mutualis.watchdog");

        configure(context, "fr.mutualis.hardware.outputs", Map.of("channels", new String[] {"street-1=17", "street-2=27"},
                "activeLow", Boolean.TRUE));
        configure(context, "fr.mutualis.hardware.inputs", Map.of("channels", new String[] {"door=5", "mains=6"}));
        configure(context, "fr.mutualis.hardware.status.led", Map.of("pin", 26));
        configure(context, "fr.mutualis.hardware.watchdog", Map.of("device", watchdogDevice.toString(),
                "kickIntervalMillis", 20L, "heartbeatTimeoutMillis", 60_000L));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(componentStates(context))
                .containsEntry("fr.mutualis.hardware.io.pi4j.Pi4jBoard", "8")
                .containsEntry("fr.mutualis.hardware.io.pi4j.Pi4jDigitalOutputs", "8")
                .containsEntry("fr.mutualis.hardware.io.pi4j.Pi4jDigitalInputs", "8")
                .containsEntry("fr.mutualis.hardware.io.pi4j.Pi4jStatusLed", "8")
                .containsEntry("fr.mutualis.hardware.watchdog.linux.HardwareWatchdog", "8"));

        Object outputs = service(context, "fr.mutualis.hardware.io.DigitalOutputs");
        invoke(outputs, "set", new Class<?>[] {String.class, boolean.class}, "street-1", true);
        assertThat(invoke(outputs, "isActive", new Class<?>[] {String.class}, "street-1")).isEqualTo(true);
        assertThat(invoke(outputs, "isActive", new Class<?>[] {String.class}, "street-2")).isEqualTo(false);

        Object inputs = service(context, "fr.mutualis.hardware.io.DigitalInputs");
        assertThat((Collection<?>) invoke(inputs, "channels", new Class<?>[0])).hasSize(2);

        // The watchdog is being kicked through the stand-in device.
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.size(watchdogDevice) >= 3);

        framework.stop();
        framework.waitForStop(15_000);
        framework = null;
        assertThat(Files.readString(watchdogDevice)).as("disarmed on a planned stop").endsWith("V");
    }

    private BundleContext startFramework() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.cm.dir", work.resolve("config").toString());
        // Bundles must import what they use, not find it on the test's class path by accident.
        properties.put("felix.bootdelegation.implicit", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(System.getProperty("mutualis.it.bundles")),
                "*.jar")) {
            for (Path jar : jars) {
                bundles.add(context.installBundle(jar.toUri().toString()));
            }
        }
        bundles.add(context.installBundle(Path.of(System.getProperty("mutualis.it.bundle")).toUri().toString()));
        framework.start();
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        return context;
    }

    private static void configure(BundleContext context, String pid, Map<String, Object> values) throws Exception {
        Object admin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = invoke(admin, "getConfiguration", new Class<?>[] {String.class, String.class}, pid, "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        invoke(configuration, "update", new Class<?>[] {Dictionary.class}, properties);
    }

    /** Component name to state ("8" is active, otherwise the state and the failure reason). */
    private static Map<String, String> componentStates(BundleContext context) throws Exception {
        String type = "org.osgi.service.component.runtime.ServiceComponentRuntime";
        Object scr = service(context, type);
        Class<?> api = scr.getClass().getClassLoader().loadClass(type);
        Class<?> descriptionType = api.getClassLoader()
                .loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
        Map<String, String> states = new HashMap<>();
        for (Object description : (Collection<?>) api.getMethod("getComponentDescriptionDTOs", Bundle[].class)
                .invoke(scr, (Object) new Bundle[0])) {
            String name = (String) description.getClass().getField("name").get(description);
            Collection<?> configurations = (Collection<?>) api.getMethod("getComponentConfigurationDTOs",
                    descriptionType).invoke(scr, description);
            for (Object configuration : configurations) {
                int state = (Integer) configuration.getClass().getField("state").get(configuration);
                states.put(name, state == ACTIVE ? "8"
                        : state + " " + configuration.getClass().getField("failure").get(configuration));
            }
        }
        return states;
    }

    /**
     * All references, not only "assignable" ones: this module's own classes are on the test's class
     * path too, so the framework would otherwise hide the bundle's services from the system bundle.
     */
    private static Object service(BundleContext context, String type) throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
        assertThat(references).as("service %s", type).isNotNull().hasSize(1);
        return context.getService(references[0]);
    }

    private static Object invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = publicMethod(target.getClass(), name, types);
        return method.invoke(target, args);
    }

    /** The method as declared by a public interface: implementation classes are bundle-private. */
    private static Method publicMethod(Class<?> type, String name, Class<?>[] types) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                try {
                    return implemented.getMethod(name, types);
                } catch (NoSuchMethodException notHere) {
                    // next interface
                }
            }
        }
        return type.getMethod(name, types);
    }
}
