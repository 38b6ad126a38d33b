package fr.mutualis.fleet;

import fr.mutualis.fleet.account.BootstrapAdmin;
import fr.mutualis.fleet.audit.AuditVerifyCommand;
import fr.mutualis.fleet.pki.MosquittoConfigCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Mutualis fleet server: gateway registry, presence, readings, downlinks, and (by default) its own broker and database. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FleetServerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(BootstrapAdmin.COMMAND)) {
            System.exit(BootstrapAdmin.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals(AuditVerifyCommand.NAME)) {
            // a command of its own: it must not start the server, the broker or anything else
            System.exit(AuditVerifyCommand.run(System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals(MosquittoConfigCommand.NAME)) {
            System.exit(MosquittoConfigCommand.run(System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(FleetServerApplication.class, args);
    }
}
