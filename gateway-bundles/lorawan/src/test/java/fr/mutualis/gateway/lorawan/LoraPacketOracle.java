package fr.mutualis.gateway.lorawan;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm package lora-packet (pinned by src/test/node/package-lock.json) through Node over
 * a whole corpus in one process. Node and npm must be on the PATH: without them the test fails,
 * it never skips, so that CI cannot pass without the oracle having run.
 */
final class LoraPacketOracle {

    private static final String[] FILES = {"package.json", "package-lock.json", "oracle.js"};
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long NODE_TIMEOUT_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    private LoraPacketOracle(Path directory) {
        this.directory = directory;
    }

    /**
     * Copies the oracle into {@code target/lora-oracle/} and runs {@code npm ci} there (the npm
     * registry must be reachable) unless its {@code node_modules} was installed from the same lock file.
     */
    static LoraPacketOracle install() throws IOException, InterruptedException {
        Path source = Paths.get("src", "test", "node");
        Path directory = Paths.get("target", "lora-oracle");
        Files.createDirectories(directory);
        for (String file : FILES) {
            Files.copy(source.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        requireTool("node", "--version");
        requireTool("npm", "--version");
        // Reinstall when node_modules is missing or was installed from another lock file.
        Path lock = directory.resolve("package-lock.json");
        Path installedLock = directory.resolve("installed-package-lock.json");
        if (!Files.isDirectory(directory.resolve("node_modules").resolve("lora-packet"))
                || !Files.exists(installedLock) || Files.mismatch(lock, installedLock) != -1) {
            run(directory, NPM_TIMEOUT_SECONDS, directory.resolve("npm-ci.log"), "npm", "ci", "--no-audit", "--no-fund");
            Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
        }
        return new LoraPacketOracle(directory);
    }

    /** lora-packet's verdicts on the frames, in the same order (checked by id). */
    List<JsonNode> verdicts(List<FrameCorpus.CorpusFrame> frames) throws IOException, InterruptedException {
        Path corpus = directory.resolve("corpus.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
            for (FrameCorpus.CorpusFrame frame : frames) {
                out.write(JSON.writeValueAsString(toJson(frame)));
                out.write('\n');
            }
        }
        Path output = directory.resolve("verdicts.jsonl");
        run(directory, NODE_TIMEOUT_SECONDS, output, "node", "oracle.js", "corpus.jsonl");
        List<JsonNode> verdicts = new ArrayList<>(frames.size());
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                verdicts.add(JSON.readTree(line));
            }
        }
        if (verdicts.size() != frames.size()) {
            fail("the oracle answered " + verdicts.size() + " lines for " + frames.size() + " frames; see " + output);
        }
        for (int i = 0; i < frames.size(); i++) {
            if (verdicts.get(i).path("id").asInt(-1) != frames.get(i).id()) {
                fail("oracle line " + i + " is for id " + verdicts.get(i).path("id") + ", expected " + frames.get(i).id());
            }
        }
        return verdicts;
    }

    private static ObjectNode toJson(FrameCorpus.CorpusFrame frame) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", frame.id());
        node.put("phy", Frames.hex(frame.phy()));
        if (frame.nwkSKey() != null) {
            node.put("nwkSKey", Frames.hex(frame.nwkSKey()));
        }
        if (frame.appSKey() != null) {
            node.put("appSKey", Frames.hex(frame.appSKey()));
        }
        if (frame.appKey() != null) {
            node.put("appKey", Frames.hex(frame.appKey()));
        }
        node.put("fCnt32", frame.fCnt32());
        return node;
    }

    private static void requireTool(String tool, String versionFlag) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                fail("'" + tool + " " + versionFlag + "' did not succeed: the lora-packet oracle needs Node.js and npm"
                        + " (Debian: apt-get install nodejs npm)");
            }
        } catch (IOException e) {
            fail("'" + tool + "' is not on the PATH: the lora-packet oracle test needs Node.js and npm"
                    + " (Debian: apt-get install nodejs npm); it fails rather than skips so that CI cannot pass"
                    + " without the oracle. Cause: " + e.getMessage());
        }
    }

    /** Runs a command in {@code directory}, stdout to {@code stdout}, and fails with its stderr if it does not succeed. */
    private static void run(Path directory, long timeoutSeconds, Path stdout, String... command)
            throws IOException, InterruptedException {
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".stderr");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s; stderr:\n"
                    + tail(stderr));
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + " in " + directory + "; stderr:\n"
                    + tail(stderr));
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
