package fr.mutualis.provisioning.checklist;

import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.Durations;
import fr.mutualis.provisioning.MutualisCommand;
import fr.mutualis.provisioning.Times;
import fr.mutualis.provisioning.fleet.FleetClient;
import fr.mutualis.provisioning.fleet.FleetException;
import fr.mutualis.provisioning.fleet.FleetOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mutualis checklist <gatewayId>}: the installation checklist a technician runs before
 * leaving. Exit code 0 only when every check passes, 1 otherwise, 2 for a usage or API error. With
 * {@code --wait}, checks again every 5 s until all pass or the time is up, printing what changes.
 */
@Command(name = "checklist", mixinStandardHelpOptions = true,
        description = "Vérifie une installation avant de partir / checks an installation before leaving.")
public final class ChecklistCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleetOptions;

    @Parameters(index = "0", paramLabel = "<gatewayId>", description = "Identifiant de la passerelle / gateway id.")
    String gatewayId;

    @Option(names = "--wait", defaultValue = "PT0S", paramLabel = "<durée>",
            description = "Attend jusqu'à cette durée ISO-8601 que tout passe, ex. PT2M / waits up to this long for every check to pass.")
    String waitText;

    /** Tests only: the pause between two rounds. */
    @Option(names = "--poll-interval", defaultValue = "PT5S", hidden = true)
    String pollText;

    @Override
    public Integer call() throws FleetException, InterruptedException {
        Messages messages = MutualisCommand.of(spec).messages();
        PrintWriter out = spec.commandLine().getOut();
        Duration wait = Durations.parse(waitText);
        Duration pollInterval = Durations.parse(pollText);
        if (wait == null || wait.isNegative() || pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new ParameterException(spec.commandLine(), messages.get("checklist.bad.wait", waitText));
        }
        FleetClient fleet = fleetOptions.connect(messages, spec.commandLine().getErr());
        InstallChecklist checklist = new InstallChecklist(fleet, messages);

        long deadline = System.nanoTime() + wait.toNanos();
        out.println(messages.get("checklist.title", gatewayId));
        List<CheckResult> results = checklist.run(gatewayId);
        results.forEach(result -> out.println(InstallChecklist.format(messages, result)));
        out.flush();
        if (!allPass(results) && !wait.isZero()) {
            out.println(messages.get("checklist.waiting", Times.duration(messages, wait), pollInterval.toSeconds()));
            out.flush();
            while (!allPass(results) && System.nanoTime() + pollInterval.toNanos() <= deadline) {
                Thread.sleep(pollInterval.toMillis());
                List<CheckResult> previous = results;
                results = checklist.run(gatewayId);
                String time = LocalTime.now(Times.PARIS).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).passed() != previous.get(i).passed()) {
                        out.println(time + " " + InstallChecklist.format(messages, results.get(i)));
                    }
                }
                out.flush();
            }
            if (!allPass(results)) {
                out.println(messages.get("checklist.timeout"));
                results.stream().filter(r -> !r.passed()).forEach(r -> out.println(InstallChecklist.format(messages, r)));
            }
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        out.println(allPass(results) ? messages.get("checklist.all.ok", passed)
                : messages.get("checklist.not.ok", passed, results.size()));
        out.flush();
        return allPass(results) ? 0 : 1;
    }

    private static boolean allPass(List<CheckResult> results) {
        return results.stream().allMatch(CheckResult::passed);
    }
}
