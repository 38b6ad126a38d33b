package fr.mutualis.gateway.autonomy.time.local;

import fr.mutualis.gateway.autonomy.lighting.ClockQuality;
import fr.mutualis.gateway.autonomy.time.ClockAssessor;
import fr.mutualis.gateway.autonomy.time.GatewayClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The system clock (or a registered {@link Clock} service, which tests use to compress time)
 * judged by a {@link ClockAssessor}. Without any configuration it runs with the defaults below.
 */
@Component(service = GatewayClock.class, configurationPid = AssessedGatewayClock.PID)
@Designate(ocd = AssessedGatewayClock.Config.class)
public class AssessedGatewayClock implements GatewayClock {

    public static final String PID = "fr.mutualis.autonomy.clock";

    @ObjectClassDefinition(name = "Gateway clock", description = "How far the gateway trusts its clock between"
            + " synchronisations.")
    public @interface Config {
        @AttributeDefinition(name = "Crystal drift (ppm)", description = "Worst drift of the RTC crystal.")
        double driftPpm() default 20;

        @AttributeDefinition(name = "Trusted within (s)", description = "A possible error up to this is as good as"
                + " synchronised: the cut-off applies to the minute.")
        long trustedWithinSeconds() default 60;

        @AttributeDefinition(name = "Error when never synchronised (s)", description = "The RTC's possible error after"
                + " a power cut, before any time source was heard.")
        long unsynchronisedErrorSeconds() default 900;

        @AttributeDefinition(name = "Not before", description = "A wall clock before this instant (ISO-8601) is"
                + " unset: lights on.")
        String notBefore() default "2026-01-01T00:00:00Z";
    }

    private final CorrectedClock clock;
    private final ClockAssessor assessor;

    @Activate
    public AssessedGatewayClock(Config config,
                                @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                        policyOption = ReferencePolicyOption.GREEDY) Clock timeBase) {
        this.clock = new CorrectedClock(timeBase != null ? timeBase : Clock.systemUTC());
        Instant notBefore;
        try {
            notBefore = Instant.parse(config.notBefore());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("notBefore is not an ISO-8601 instant: " + config.notBefore(), e);
        }
        this.assessor = new ClockAssessor(clock, System::nanoTime, config.driftPpm(),
                Duration.ofSeconds(config.trustedWithinSeconds()), Duration.ofSeconds(config.unsynchronisedErrorSeconds()),
                notBefore);
    }

    /** Outside DS: a given time base and assessor (tests, the demo). */
    public AssessedGatewayClock(Clock clock, ClockAssessor assessor) {
        this.clock = new CorrectedClock(clock);
        this.assessor = assessor;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public ClockQuality quality() {
        return assessor.quality();
    }

    @Override
    public void synchronised(Duration sourceError) {
        clock.correctBy(Duration.ZERO);
        assessor.synchronised(sourceError);
    }

    @Override
    public void observed(Instant reference, Instant local, Duration sourceError) {
        Duration offset = Duration.between(local, reference);
        // Within the source's own error the system clock is as good as the source: no correction.
        clock.correctBy(offset.abs().compareTo(sourceError) <= 0 ? Duration.ZERO : offset);
        assessor.synchronised(sourceError);
    }

    /** How far this clock's reading is moved from the system clock's, after a time source disagreed with it. */
    public Duration correction() {
        return clock.correction();
    }
}
