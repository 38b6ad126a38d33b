package fr.mutualis.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The console, autonomy and Pi4J I/O bundles in a real Felix, configured through ConfigAdmin only
 * (outputs, a lighting circuit as a factory configuration, the console's port): every component
 * activates, the lighting controller drives the mock board, and the console answers on its port,
 * with the password generated at first start in the data directory. No uplink, store or broker:
 * the backhaul is "down" and the console still serves.
 */
class LocalConsoleInFelixIT {

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
    void bundlesResolveComponentsActivateAndTheConsoleServesWithoutBackhaul() throws Exception {
        Path data = work.resolve("data");
        BundleContext context = startFramework(data);
        assertThat(context.getBundles()).filteredOn(b -> b.getState() != Bundle.ACTIVE)
                .extracting(Bundle::getSymbolicName).as("bundles not active").isEmpty();

        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        configure(context, "fr.mutualis.hardware.outputs", Map.of("channels", new String[] {"street-1=17"}));
        configureFactory(context, "fr.mutualis.autonomy.lighting.circuit", Map.of("circuit", "street-1",
                "latitude", 48.111, "longitude", -1.680, "cutOff", "23:00-05:00"));
        configure(context, "fr.mutualis.gateway.console", Map.of("bindAddress", "127.0.0.1", "port", port));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(componentStates(context))
                .containsEntry("fr.mutualis.gateway.autonomy.lighting.local.LightingController", "8")
                .containsEntry("fr.mutualis.gateway.autonomy.lighting.local.CircuitRule", "8")
                .containsEntry("fr.mutualis.gateway.autonomy.time.local.AssessedGatewayClock", "8")
                .containsEntry("fr.mutualis.gateway.autonomy.actions.local.JsonLinesActionLog", "8")
                .containsEntry("fr.mutualis.gateway.console.LocalConsole", "8"));

        // The controller has evaluated street-1 and drives its output (whatever the hour of the test run).
        Object lighting = service(context, "fr.mutualis.gateway.autonomy.lighting.LightingControl");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !((List<?>) invoke(lighting, "circuits", new Class<?>[0])).isEmpty());

        String password = Files.readString(data.resolve("console-credential.txt")).trim();
        assertThat(Files.readString(data.resolve("console-credential.hash"))).doesNotContain(password);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        // No time source has synchronised the clock yet: the circuit fails lit, and the page says why.
        assertThat(page.body()).contains("id=\"circuit-street-1\"", "id=\"output-street-1\" data-state=\"on\"",
                "data-quality=\"UNCERTAIN\"", "id=\"link-state\" data-state=\"unknown\"")
                .doesNotContain("ServiceEvent", password);

        // No identity yet: the technician pastes the token's enrolment address, which reaches the
        // enrolment agent's configuration through ConfigAdmin, as enrolment.url in the file would.
        assertThat(page.body()).contains("id=\"enrolment\"");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String invitation = "https://flotte.syndicat-exemple.fr:8443/enrol?code=K7QM-2XWD-9H11&ca=n4bQgYhMfWWa";
        HttpResponse<String> enrol = http.send(HttpRequest.newBuilder(URI.create(base + "/enrolment"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&invitation="
                        + java.net.URLEncoder.encode(invitation, java.nio.charset.StandardCharsets.UTF_8)
                        + "&gatewayId=gw-rennes-mairie")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(303);
        Object admin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = invoke(admin, "getConfiguration", new Class<?>[] {String.class, String.class},
                "fr.mutualis.gateway.enrolment", "?");
        Dictionary<?, ?> stored = (Dictionary<?, ?>) invoke(configuration, "getProperties", new Class<?>[0]);
        assertThat(stored).isNotNull();
        assertThat(stored.get("invitation")).isEqualTo(invitation);
        assertThat(stored.get("gatewayId")).isEqualTo("gw-rennes-mairie");
    }

    private BundleContext startFramework(Path data) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.cm.dir", work.resolve("config").toString());
        properties.put("mutualis.data.dir", data.toString());
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
        invoke(configuration, "update", new Class<?>[] {Dictionary.class}, new Hashtable<>(values));
    }

    private static void configureFactory(BundleContext context, String factoryPid, Map<String, Object> values)
            throws Exception {
        Object admin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = invoke(admin, "createFactoryConfiguration", new Class<?>[] {String.class, String.class},
                factoryPid, "?");
        invoke(configuration, "update", new Class<?>[] {Dictionary.class}, new Hashtable<>(values));
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
            for (Object configuration : (Collection<?>) api.getMethod("getComponentConfigurationDTOs", descriptionType)
                    .invoke(scr, description)) {
                int state = (Integer) configuration.getClass().getField("state").get(configuration);
                states.put(name, state == ACTIVE ? "8"
                        : state + " " + configuration.getClass().getField("failure").get(configuration));
            }
        }
        return states;
    }

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
