package fr.mutualis.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Mutualis fleet server: gateway registry, presence, readings, and (by default) its own broker and database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FleetServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(FleetServerApplication.class, args);
    }
}
