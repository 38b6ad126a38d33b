package fr.mutualis.gateway.autonomy.lighting.local;

import fr.mutualis.gateway.autonomy.lighting.LightingSchedule;
import fr.mutualis.gateway.autonomy.sun.AstronomicalClock;
import fr.mutualis.gateway.autonomy.sun.GeoPosition;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One lighting circuit's rule, one factory configuration each: which output it drives and its
 * schedule at the site. Remote configuration will deliver the same properties. Registered as a
 * service of this bundle-private class for the {@link LightingController}.
 */
@Component(service = CircuitRule.class, configurationPid = CircuitRule.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CircuitRule.Config.class, factory = true)
public class CircuitRule {

    public static final String FACTORY_PID = "fr.mutualis.autonomy.lighting.circuit";

    @ObjectClassDefinition(name = "Lighting circuit", description = "When one lighting circuit is lit.")
    public @interface Config {
        @AttributeDefinition(name = "Circuit", description = "Its name, e.g. street-1")
        String circuit();

        @AttributeDefinition(name = "Output", description = "The output channel of its contactor (default: the"
                + " circuit's name)", required = false)
        String output() default "";

        @AttributeDefinition(name = "Latitude", description = "Of the site, degrees north")
        double latitude();

        @AttributeDefinition(name = "Longitude", description = "Of the site, degrees east")
        double longitude();

        @AttributeDefinition(name = "Time zone")
        String zone() default "Europe/Paris";

        @AttributeDefinition(name = "Sun event", options = {
                @Option(label = "Sunset / sunrise", value = "SUNRISE_SUNSET"),
                @Option(label = "Civil dusk / dawn", value = "CIVIL_TWILIGHT")})
        String reference() default "SUNRISE_SUNSET";

        @AttributeDefinition(name = "On after sunset (min)", description = "Negative: before", min = "-180",
                max = "180")
        int onAfterSunsetMinutes() default 0;

        @AttributeDefinition(name = "Off after sunrise (min)", description = "Negative: before", min = "-180",
                max = "180")
        int offAfterSunriseMinutes() default 0;

        @AttributeDefinition(name = "Night cut-off", description = "Lights off, HH:mm-HH:mm (e.g. 23:00-05:00);"
                + " empty for none", required = false)
        String cutOff() default "";

        @AttributeDefinition(name = "Exceptions", description = "YYYY-MM-DD all-night | off | window HH:mm-HH:mm,"
                + " by the date of the evening", required = false)
        String[] exceptions() default {};
    }

    private final String circuit;
    private final String output;
    private final LightingSchedule schedule;

    @Activate
    public CircuitRule(Config config) {
        this(config.circuit(), config.output(), config.latitude(), config.longitude(), config.zone(),
                config.reference(), config.onAfterSunsetMinutes(), config.offAfterSunriseMinutes(), config.cutOff(),
                config.exceptions());
    }

    public CircuitRule(String circuit, String output, double latitude, double longitude, String zone, String reference,
                       int onAfterSunsetMinutes, int offAfterSunriseMinutes, String cutOff, String[] exceptions) {
        Objects.requireNonNull(circuit, "circuit");
        this.circuit = circuit.trim();
        this.output = output == null || output.isBlank() ? this.circuit : output.trim();
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone of circuit '" + circuit + "' is not a time zone: " + zone);
        }
        this.schedule = new LightingSchedule(new AstronomicalClock(new GeoPosition(latitude, longitude), zoneId),
                CircuitRuleParser.schedule(this.circuit, reference, onAfterSunsetMinutes, offAfterSunriseMinutes,
                        cutOff, exceptions));
    }

    public String circuit() {
        return circuit;
    }

    public String output() {
        return output;
    }

    public LightingSchedule schedule() {
        return schedule;
    }
}
