package fr.mutualis.fleet.account;

import fr.mutualis.fleet.FleetServerApplication;
import fr.mutualis.fleet.audit.Actor;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar fleet-server.jar bootstrap-admin [--username=NAME] [spring properties...]}: creates
 * the first syndicate administrator on a database that has none, and prints a random password and
 * an API token once. There is no default account: this is the only way in on a fresh database, and
 * it refuses to run once an administrator exists (further people are created through the API).
 * It starts the application without its web server, broker or MQTT connection.
 */
public final class BootstrapAdmin {

    public static final String COMMAND = "bootstrap-admin";
    /** Exit code when an administrator already exists. */
    public static final int ALREADY_BOOTSTRAPPED = 2;

    private BootstrapAdmin() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out) {
        String username = "admin";
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--username=")) {
                username = arg.substring("--username=".length());
            } else {
                springArgs.add(arg);
            }
        }
        // Command-line arguments outrank application.yml (default properties would not).
        springArgs.add("--mutualis.broker.embedded.enabled=false");
        springArgs.add("--mutualis.mqtt.enabled=false");
        springArgs.add("--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(springArgs.toArray(String[]::new))) {
            UserAccounts accounts = context.getBean(UserAccounts.class);
            if (accounts.anyAdmin()) {
                out.println("An administrator already exists: nothing done. Administrators create further people "
                        + "with POST /api/users.");
                return ALREADY_BOOTSTRAPPED;
            }
            String password = randomSecret(18);
            Actor bootstrap = new Actor(COMMAND);
            UserAccount admin = accounts.create(bootstrap, username, "Administrator", Role.SYNDICATE_ADMIN, Set.of(),
                    password);
            ApiTokens.IssuedToken token = context.getBean(ApiTokens.class).issue(bootstrap, admin.id(), "bootstrap",
                    null);
            out.println("Created the first syndicate administrator '" + admin.username() + "'.");
            out.println("Shown once, keep them safe (a password manager), they cannot be displayed again:");
            out.println("  password:  " + password);
            out.println("  API token: " + token.token());
            out.println("Use the token as 'Authorization: Bearer <token>'; revoke it with DELETE /api/tokens/"
                    + token.id() + " once you have your own.");
            return 0;
        } catch (IllegalArgumentException e) {
            out.println("Cannot create the administrator: " + e.getMessage());
            return 1;
        }
    }

    private static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
