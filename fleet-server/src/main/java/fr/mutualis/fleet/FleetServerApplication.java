package fr.mutualis.fleet;

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
        SpringApplication.run(FleetServerApplication.class, args);
    }
}
