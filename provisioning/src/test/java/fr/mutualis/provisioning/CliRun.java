package fr.mutualis.provisioning;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs {@code mutualis} in-process as a user would, with its standard output, error and input captured. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return runWithInput("", args);
    }

    public static CliRun runWithInput(String input, String... args) {
        CommandLine commandLine = MutualisCommand.commandLine(
                new MutualisCommand(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
