package fr.mutualis.fleet.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing (Jazzer) of the release package reader, which reads what operators
 * upload: either a package whose every bundle has a safe path under {@code bundles/}, a symbolic
 * name and an OSGi version, or a MALFORMED_PACKAGE refusal with a reason. Anything else — another
 * exception, a hang, memory blown by a compressed bomb — is a finding.
 */
class DeploymentPackageFuzzTest {

    private static final long MIN_FUZZ_EXECUTIONS = 10_000;
    private static final long MAX_EXPANDED = 1 << 20;
    private static final AtomicLong executions = new AtomicLong();

    @FuzzTest
    // A hang detector, per input: the first replayed input also pays the class loading of a cold JVM.
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void deploymentPackage(byte[] data) {
        executions.incrementAndGet();
        DeploymentPackage read;
        try {
            read = DeploymentPackage.read(data, MAX_EXPANDED);
        } catch (ReleaseRefusedException refused) {
            assertThat(refused.reason()).isEqualTo(ReleaseRefusedException.Reason.MALFORMED_PACKAGE);
            assertThat(refused.getBody().getDetail()).isNotBlank();
            return;
        }
        assertThat(ReleaseVersion.isValid(read.version())).isTrue();
        assertThat(read.bundles()).isNotEmpty().allSatisfy(bundle -> {
            assertThat(bundle.path()).matches("bundles/[A-Za-z0-9][A-Za-z0-9._-]*\\.jar").doesNotContain("..");
            assertThat(ReleaseVersion.isValid(bundle.version())).isTrue();
            assertThat(bundle.symbolicName()).isNotBlank();
        });
    }

    @AfterAll
    static void fuzzingReallyRan() {
        String mode = System.getenv("JAZZER_FUZZ");
        if (mode != null && (mode.equals("1") || mode.equalsIgnoreCase("true"))) {
            assertThat(executions.get()).as("inputs tried while fuzzing").isGreaterThanOrEqualTo(MIN_FUZZ_EXECUTIONS);
        }
    }
}
