package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.ReportedComponent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in the gateways' configuration reports ({@code configstate}): stores schemas, values,
 * versions and outcome, measures how far the reported values drift from the desired ones, and
 * makes sure the gateway has the desired version its layers call for.
 */
@Service
public class ReportedConfigurations {

    private static final Logger log = LoggerFactory.getLogger(ReportedConfigurations.class);

    private final GatewayConfigurations gateways;
    private final DesiredConfigurations desired;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    ReportedConfigurations(GatewayConfigurations gateways, DesiredConfigurations desired, MeterRegistry meters,
                           PlatformTransactionManager transactionManager) {
        this.gateways = gateways;
        this.desired = desired;
        this.meters = meters;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public void onReport(ConfigurationReport report) {
        // The report and the drift it causes are one change: a reader never sees the new versions
        // with the old drift (a gateway listed as drifting although it has just applied).
        Boolean stored = transactions.execute(status -> {
            if (!gateways.storeReport(report, clock.instant())) {
                return false;
            }
            GatewayConfigurations.State state = gateways.state(report.gatewayId()).orElseThrow();
            gateways.setValueDrift(report.gatewayId(), differing(
                    gateways.desiredComponents(report.gatewayId(), state.desiredVersion()), state.reportedValues()));
            return true;
        });
        if (!Boolean.TRUE.equals(stored)) {
            meters.counter("mutualis.configuration.reports.ignored", "reason", "unknown-gateway").increment();
            log.warn("Configuration report from unknown gateway {} ignored (no birth seen yet)", report.gatewayId());
            return;
        }
        meters.counter("mutualis.configuration.reports", "outcome", report.outcome().name()).increment();
        desired.reconcile(report.gatewayId());
    }

    /** Desired properties whose reported value differs (a password is reported masked: not compared). */
    static int differing(Map<String, Map<String, Object>> wanted, Map<String, Map<String, Object>> reported) {
        int differing = 0;
        for (Map.Entry<String, Map<String, Object>> component : wanted.entrySet()) {
            Map<String, Object> values = reported.getOrDefault(component.getKey(), Map.of());
            for (Map.Entry<String, Object> property : component.getValue().entrySet()) {
                Object actual = values.get(property.getKey());
                if (!ReportedComponent.MASKED.equals(actual) && !ConfigurationDiff.sameValue(property.getValue(), actual)) {
                    differing++;
                }
            }
        }
        return differing;
    }
}
